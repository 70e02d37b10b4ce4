//! Content kinds and posts.

use serde::{Deserialize, Serialize};

pub const N_KINDS: usize = 10;

/// What a post is. The first five help perpetrators; the rest protect civilians.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Incitement and dehumanising speech against the target group.
    Incitement = 0,
    /// Rumours and dangerous misinformation about the target group.
    Misinformation = 1,
    /// Coordination: weapons sales.
    Weapons = 2,
    /// Coordination: recruitment into the organisation.
    Recruitment = 3,
    /// Coordination: lists of targets (built from harvested personal data).
    TargetList = 4,
    /// Credible news from media, officials or civil society.
    News = 5,
    /// Crisis resources: where to find aid, shelter, routes.
    CrisisResource = 6,
    /// Early warnings and safe/unsafe location posts.
    Warning = 7,
    /// Documentation of abuses (often graphic).
    Documentation = 8,
    /// Prebunks that inoculate against expected misinformation.
    Prebunk = 9,
}

impl Kind {
    pub const ALL: [Kind; N_KINDS] = [
        Kind::Incitement,
        Kind::Misinformation,
        Kind::Weapons,
        Kind::Recruitment,
        Kind::TargetList,
        Kind::News,
        Kind::CrisisResource,
        Kind::Warning,
        Kind::Documentation,
        Kind::Prebunk,
    ];

    /// Content that serves perpetrators (what moderation should remove).
    pub fn is_harmful(self) -> bool {
        (self as usize) < 5
    }

    /// Weapons sales, recruitment and target lists.
    pub fn is_coordination(self) -> bool {
        matches!(self, Kind::Weapons | Kind::Recruitment | Kind::TargetList)
    }

    /// Content that helps civilians protect themselves or understand events.
    pub fn is_protective(self) -> bool {
        matches!(
            self,
            Kind::CrisisResource | Kind::Warning | Kind::Documentation
        )
    }

    pub fn id(self) -> &'static str {
        match self {
            Kind::Incitement => "incitement",
            Kind::Misinformation => "misinformation",
            Kind::Weapons => "weapons",
            Kind::Recruitment => "recruitment",
            Kind::TargetList => "target_list",
            Kind::News => "news",
            Kind::CrisisResource => "crisis_resource",
            Kind::Warning => "warning",
            Kind::Documentation => "documentation",
            Kind::Prebunk => "prebunk",
        }
    }

    /// The harmful kind a legitimate post of this kind is mistaken for by classifiers (news and
    /// warnings carry unverified alarming claims, documentation quotes the violence it shows,
    /// prebunks quote the rumour); a harmful kind is itself.
    pub fn lookalike(self) -> Kind {
        match self {
            Kind::Documentation => Kind::Incitement,
            Kind::News | Kind::CrisisResource | Kind::Warning | Kind::Prebunk => {
                Kind::Misinformation
            }
            harmful => harmful,
        }
    }
}

/// Who started a post's cascade, as far as viewers can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Organic,
    /// Paid promotion: seeded to random accounts in the target districts.
    Ad,
    /// Pushed by the platform itself (emergency alert, info hub).
    Platform,
}

/// One post and everything the moderation pipeline decided about it.
#[derive(Debug, Clone)]
pub struct Post {
    pub author: u32,
    pub kind: Kind,
    /// Language index (the author's group's language).
    pub language: u8,
    /// Group the content is about (targeted by harmful content, served by protective content).
    pub about_group: u8,
    /// District the post concerns (warnings, documentation) or comes from.
    pub district: u16,
    pub hashtag: Option<u16>,
    /// How compelling the post is, ~1 on average, heavy-tailed.
    pub appeal: f32,
    pub origin: Origin,
    /// Minute after posting at which moderation removes it, if it does.
    pub removed_at: Option<f64>,
    /// Whether it looks like it comes from a trusted source (credible, impersonated or hacked).
    pub trusted_look: bool,
    /// Whether it carries a warning label / interstitial.
    pub labelled: bool,
    /// A state voice's harmful post under the public-interest exemption: no content-based
    /// demotion, label or removal (set by moderation).
    pub exempt: bool,
    /// Minute after posting at which the platform's classifiers flag it as harmful (a true
    /// detection, or a legitimate post mistaken for its `lookalike`), if they do. Content levers
    /// act on flagged posts only, from that minute on (set by moderation).
    pub flagged_at: Option<f64>,
    /// The flag is in force in the hop being spread (set by the cascade from `flagged_at`).
    pub acted: bool,
    /// A rumour posted again: the turn it first went up in.
    pub first_posted: Option<u32>,
}

impl Post {
    /// A new post as written: no tag, not looking trusted, not yet seen by moderation.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        author: u32,
        kind: Kind,
        language: u8,
        about_group: u8,
        district: u16,
        appeal: f32,
        origin: Origin,
    ) -> Post {
        Post {
            author,
            kind,
            language,
            about_group,
            district,
            hashtag: None,
            appeal,
            origin,
            removed_at: None,
            trusted_look: false,
            labelled: false,
            exempt: false,
            flagged_at: None,
            acted: false,
            first_posted: None,
        }
    }

    /// The multiplier a kind-keyed lever table (feed weight, reshare, persuasion) applies to
    /// this post as the platform sees it: a harmful kind's entry only once the post is flagged;
    /// a legitimate post keeps its own kind's entry and, when mistakenly flagged, also takes the
    /// entry of the harmful kind it looks like.
    pub fn lever(&self, table: &[f64; N_KINDS]) -> f64 {
        let own = table[self.kind as usize];
        match (self.kind.is_harmful(), self.acted) {
            (true, true) => own,
            (true, false) => 1.0,
            (false, false) => own,
            (false, true) => own * table[self.kind.lookalike() as usize],
        }
    }
}

/// What one cascade did, for the event ticker, the feed view and the metrics.
#[derive(Debug, Clone, Default)]
pub struct CascadeStats {
    pub exposures: u32,
    pub shares: u32,
    pub generations: u32,
}
