//! The seat server: an HTTP + WebSocket server on its own thread (a small tokio runtime) inside
//! the control room process. It serves the seat page (embedded in the binary), checks join codes,
//! bounds every connection (message size, message rate, number of connections, join deadline),
//! and passes what seats say to the host through a queue the frame drains without waiting.
//! Views go the other way through one `watch` channel per seat and language: a slow browser
//! skips to the newest view instead of holding anything up. It never touches the file system.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{mpsc as tmpsc, watch};

use super::protocol::{self, ClientMsg, MAX_MESSAGE_BYTES, ServerMsg};
use crate::view::seat::SeatRole;

const PAGE: &str = include_str!("../../assets/seat/index.html");
const SCRIPT: &str = include_str!("../../assets/seat/seat.js");
const STYLE: &str = include_str!("../../assets/seat/seat.css");

/// Limits of one server (tests make them small).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open WebSocket connections at most; more are refused with 503.
    pub max_connections: usize,
    /// Messages a connection may send per second, on average.
    pub messages_per_second: f64,
    /// ... and in a burst.
    pub burst: f64,
    /// Time a new connection has to send its join code.
    pub join_deadline: Duration,
    /// Wait before answering a wrong code (slows guessing).
    pub wrong_code_delay: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 256,
            messages_per_second: 5.0,
            burst: 20.0,
            join_deadline: Duration::from_secs(10),
            wrong_code_delay: Duration::from_millis(500),
        }
    }
}

/// What happened at a seat, for the host.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A connection joined with a good code.
    Joined,
    /// It closed.
    Left,
    /// It sent a well-formed message.
    Message(ClientMsg),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Inbound {
    pub conn: u64,
    pub role: SeatRole,
    /// The seat's language (an index into the languages the server was given).
    pub language: usize,
    pub event: Event,
}

struct Conn {
    role: SeatRole,
    tx: tmpsc::Sender<Outgoing>,
}

enum Outgoing {
    Text(Arc<str>),
    Close,
}

/// A seat's view as published: its JSON text and the state of the session it shows.
#[derive(Clone)]
struct View {
    state: u64,
    json: Arc<str>,
}

struct Hub {
    codes: RwLock<BTreeMap<String, SeatRole>>,
    /// views[role][language]
    views: Vec<Vec<watch::Sender<View>>>,
    /// The state of the session views should show now (`Publisher::new_state`). A seat that
    /// joins gets the last view only if it shows this state; otherwise it waits for the build
    /// under way, so a reconnecting seat never sees its own last decision missing.
    state: AtomicU64,
    languages: Vec<String>,
    inbound: mpsc::Sender<Inbound>,
    conns: Mutex<BTreeMap<u64, Conn>>,
    next_conn: AtomicU64,
    open: AtomicUsize,
    limits: Limits,
}

fn role_index(role: SeatRole) -> usize {
    SeatRole::ALL.iter().position(|r| *r == role).unwrap_or(0)
}

/// Hands views to the seats; cheap to clone and to move to a background task.
#[derive(Clone)]
pub struct Publisher(Arc<Hub>);

impl Publisher {
    fn channel(&self, role: SeatRole, language: usize) -> Option<&watch::Sender<View>> {
        self.0
            .views
            .get(role_index(role))
            .and_then(|v| v.get(language))
    }

    /// Is any seat reading `role`'s view in `language`? (No need to build it otherwise.)
    pub fn wanted(&self, role: SeatRole, language: usize) -> bool {
        self.channel(role, language)
            .is_some_and(|tx| tx.receiver_count() > 0)
    }

    /// How many connections read each view (seat by seat, language by language).
    pub fn readers(&self) -> Vec<usize> {
        self.0
            .views
            .iter()
            .flatten()
            .map(|tx| tx.receiver_count())
            .collect()
    }

    /// What seats are shown changed: views published from now on should carry the returned
    /// state; older ones are no longer handed to a seat that joins.
    pub fn new_state(&self) -> u64 {
        self.0.state.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Publish the view of `role` in language `language` (an index into the languages given at
    /// start), built from `state`. Seats get it unless it is the same text as they had.
    pub fn publish(&self, role: SeatRole, language: usize, state: u64, json: Arc<str>) {
        if let Some(tx) = self.channel(role, language) {
            tx.send_if_modified(|old| {
                if old.state == state && *old.json == *json {
                    false
                } else {
                    *old = View { state, json };
                    true
                }
            });
        }
    }
}

/// The running server; dropping it stops it.
pub struct SeatServer {
    hub: Arc<Hub>,
    inbound: Mutex<mpsc::Receiver<Inbound>>,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SeatServer {
    /// Bind `addr` now (so a busy port is an error at once) and serve on a background thread.
    /// `codes` are the seats' join codes; `languages` the codes of the languages views exist in.
    pub fn start(
        addr: SocketAddr,
        codes: &[(SeatRole, String)],
        languages: &[&str],
        limits: Limits,
    ) -> std::io::Result<SeatServer> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (tx, rx) = mpsc::channel();
        let empty = View {
            state: 0,
            json: Arc::from(""),
        };
        let hub = Arc::new(Hub {
            codes: RwLock::new(codes.iter().map(|(r, c)| (c.clone(), *r)).collect()),
            views: SeatRole::ALL
                .iter()
                .map(|_| {
                    languages
                        .iter()
                        .map(|_| watch::channel(empty.clone()).0)
                        .collect()
                })
                .collect(),
            state: AtomicU64::new(0),
            languages: languages.iter().map(|s| s.to_string()).collect(),
            inbound: tx,
            conns: Mutex::new(BTreeMap::new()),
            next_conn: AtomicU64::new(1),
            open: AtomicUsize::new(0),
            limits,
        });
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("seats")
            .enable_all()
            .build()?;
        let served = Arc::clone(&hub);
        let thread = std::thread::Builder::new()
            .name("seat-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let app = Router::new()
                        .route("/", get(page))
                        .route("/seat.js", get(script))
                        .route("/seat.css", get(style))
                        .route("/ws", get(upgrade))
                        .with_state(served);
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = stop_rx.await;
                        })
                        .await;
                });
                // Open WebSockets end with the runtime.
                runtime.shutdown_timeout(Duration::from_millis(200));
            })?;
        Ok(SeatServer {
            hub,
            inbound: Mutex::new(rx),
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// What seats said since the last call (at most `max`; never waits).
    pub fn poll(&self, max: usize) -> Vec<Inbound> {
        let Ok(rx) = self.inbound.lock() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while out.len() < max {
            match rx.try_recv() {
                Ok(m) => out.push(m),
                Err(_) => break,
            }
        }
        out
    }

    /// A handle that publishes views (from any thread).
    pub fn publisher(&self) -> Publisher {
        Publisher(Arc::clone(&self.hub))
    }

    /// Send a message to one connection (dropped if it is gone or too far behind).
    pub fn send(&self, conn: u64, msg: &ServerMsg) {
        if let Ok(conns) = self.hub.conns.lock()
            && let Some(c) = conns.get(&conn)
        {
            let _ = c.tx.try_send(Outgoing::Text(Arc::from(msg.to_json())));
        }
    }

    /// Replace a seat's code: its open connections are closed, the old code stops working.
    pub fn set_code(&self, role: SeatRole, code: String) {
        if let Ok(mut codes) = self.hub.codes.write() {
            codes.retain(|_, r| *r != role);
            codes.insert(code, role);
        }
        if let Ok(conns) = self.hub.conns.lock() {
            for c in conns.values().filter(|c| c.role == role) {
                let _ = c.tx.try_send(Outgoing::Close);
            }
        }
    }

    /// Open connections per seat, in `SeatRole::ALL` order.
    pub fn connected(&self) -> [usize; crate::view::seat::SEATS] {
        let mut n = [0; crate::view::seat::SEATS];
        if let Ok(conns) = self.hub.conns.lock() {
            for c in conns.values() {
                n[role_index(c.role)] += 1;
            }
        }
        n
    }
}

impl Drop for SeatServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Ok(conns) = self.hub.conns.lock() {
            for c in conns.values() {
                let _ = c.tx.try_send(Outgoing::Close);
            }
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            ),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", PAGE)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

async fn upgrade(ws: WebSocketUpgrade, State(hub): State<Arc<Hub>>) -> Response {
    let open = hub.open.fetch_add(1, Ordering::SeqCst);
    if open >= hub.limits.max_connections {
        hub.open.fetch_sub(1, Ordering::SeqCst);
        return (StatusCode::SERVICE_UNAVAILABLE, "too many seats connected").into_response();
    }
    let guard = OpenGuard(Arc::clone(&hub));
    ws.max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            seat(socket, &guard.0).await;
            drop(guard);
        })
}

/// Counts a connection as open until dropped (also when the upgrade fails).
struct OpenGuard(Arc<Hub>);

impl Drop for OpenGuard {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn say(socket: &mut WebSocket, msg: &ServerMsg) -> bool {
    socket.send(Message::text(msg.to_json())).await.is_ok()
}

/// Wait for the join message; the seat's role and language index, or `None` (already answered).
async fn join(socket: &mut WebSocket, hub: &Hub) -> Option<(SeatRole, usize)> {
    let first = tokio::time::timeout(hub.limits.join_deadline, socket.recv()).await;
    let text = match first {
        Ok(Some(Ok(Message::Text(t)))) => t,
        Ok(_) => return None,
        Err(_) => {
            let message = "no join code received in time".to_string();
            say(socket, &ServerMsg::Error { message }).await;
            return None;
        }
    };
    let (code, language) = match protocol::parse(text.as_str()) {
        Ok(ClientMsg::Join { code, language }) => (code, language),
        Ok(_) => {
            let message = "join with your seat's code first".to_string();
            say(socket, &ServerMsg::Error { message }).await;
            return None;
        }
        Err(message) => {
            say(socket, &ServerMsg::Error { message }).await;
            return None;
        }
    };
    let role = hub
        .codes
        .read()
        .ok()
        .and_then(|c| c.get(code.trim().to_ascii_uppercase().as_str()).copied());
    let Some(role) = role else {
        tokio::time::sleep(hub.limits.wrong_code_delay).await;
        let message = "unknown or revoked seat code".to_string();
        say(socket, &ServerMsg::Error { message }).await;
        return None;
    };
    let language = hub
        .languages
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0);
    Some((role, language))
}

/// Read `role`'s views in `language`: the last one at once if it shows the current state,
/// otherwise the next one published.
fn subscribe(hub: &Hub, role: SeatRole, language: usize) -> watch::Receiver<View> {
    let mut views = hub.views[role_index(role)][language].subscribe();
    if views.borrow().state == hub.state.load(Ordering::SeqCst) {
        views.mark_changed();
    }
    views
}

/// One seat's connection, from join to close.
async fn seat(mut socket: WebSocket, hub: &Hub) {
    let Some((role, mut language)) = join(&mut socket, hub).await else {
        return;
    };
    let welcome = ServerMsg::Welcome {
        role: role.id().to_string(),
    };
    if !say(&mut socket, &welcome).await {
        return;
    }
    let conn = hub.next_conn.fetch_add(1, Ordering::SeqCst);
    let (tx, mut rx) = tmpsc::channel::<Outgoing>(64);
    if let Ok(mut conns) = hub.conns.lock() {
        conns.insert(conn, Conn { role, tx });
    }
    let _ = hub.inbound.send(Inbound {
        conn,
        role,
        language,
        event: Event::Joined,
    });
    let mut views = subscribe(hub, role, language);
    // The text this connection was last sent (views republished unchanged are not sent again).
    let mut shown: Arc<str> = Arc::from("");
    // A token bucket: `burst` messages at once, refilled at `messages_per_second`.
    let mut tokens = hub.limits.burst;
    let mut last = tokio::time::Instant::now();
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let text = match incoming {
                    Some(Ok(Message::Text(t))) => t,
                    Some(Ok(Message::Binary(_))) => {
                        let message = "seats speak JSON text".to_string();
                        if !say(&mut socket, &ServerMsg::Error { message }).await { break; }
                        continue;
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => continue,
                };
                let now = tokio::time::Instant::now();
                tokens = (tokens + now.duration_since(last).as_secs_f64()
                    * hub.limits.messages_per_second)
                    .min(hub.limits.burst);
                last = now;
                if tokens < 1.0 {
                    let message = "too many messages: slow down (nothing was changed)".to_string();
                    if !say(&mut socket, &ServerMsg::Error { message }).await { break; }
                    continue;
                }
                tokens -= 1.0;
                match protocol::parse(text.as_str()) {
                    Ok(ClientMsg::Join { .. }) => {
                        let message = "already joined".to_string();
                        if !say(&mut socket, &ServerMsg::Error { message }).await { break; }
                    }
                    Ok(ClientMsg::Language { code }) => {
                        if let Some(l) = hub.languages.iter().position(|x| *x == code) {
                            language = l;
                            views = subscribe(hub, role, language);
                            shown = Arc::from("");
                        }
                    }
                    Ok(msg) => {
                        let _ = hub.inbound.send(Inbound { conn, role, language, event: Event::Message(msg) });
                    }
                    Err(message) => {
                        if !say(&mut socket, &ServerMsg::Error { message }).await { break; }
                    }
                }
            }
            out = rx.recv() => {
                match out {
                    Some(Outgoing::Text(t)) => {
                        if socket.send(Message::text(t.to_string())).await.is_err() { break; }
                    }
                    Some(Outgoing::Close) | None => {
                        let _ = socket.send(Message::Close(None)).await;
                        break;
                    }
                }
            }
            changed = views.changed() => {
                if changed.is_err() { break; }
                let view = views.borrow_and_update().json.clone();
                if view.is_empty() || view == shown {
                    continue;
                }
                if socket.send(Message::text(view.to_string())).await.is_err() {
                    break;
                }
                shown = view;
            }
        }
    }
    if let Ok(mut conns) = hub.conns.lock() {
        conns.remove(&conn);
    }
    let _ = hub.inbound.send(Inbound {
        conn,
        role,
        language,
        event: Event::Left,
    });
}
