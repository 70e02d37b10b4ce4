//! The Bevy control room (placeholder until the first window lands in this issue).
pub fn run(_args: crate::cli::PlayArgs) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
