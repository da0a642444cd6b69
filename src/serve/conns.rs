//! The preview's open connections, and the cap on them.
//!
//! Each connection costs a thread and a file descriptor. Desktops often
//! allow a process 1,024 (macOS: 256) descriptors, so without a cap a few
//! hundred idle connections leave none for `accept`, and every request
//! fails until they time out. With [`MAX_CONNECTIONS`] open, a new
//! connection closes the oldest one that is idle (still waiting for its
//! request head, then the oldest event stream: a tab's `EventSource`
//! reconnects by itself); only when every slot is busy answering is the
//! new one turned away. The listener itself never stops accepting.

use std::collections::BTreeMap;
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex};

/// At most this many connections at once: far more than a writer's
/// browser opens (six per host, plus one event stream per tab), and far
/// below any file limit.
pub const MAX_CONNECTIONS: usize = 128;

/// What a connection is doing, in the order it is evicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for its request head: idle until it arrives.
    Reading,
    /// An open event stream, idle between reloads.
    Streaming,
    /// Being answered: never evicted.
    Answering,
}

struct Open {
    stream: Arc<TcpStream>,
    phase: Phase,
}

/// The open connections, by the order they were accepted.
pub struct Conns {
    cap: usize,
    open: Mutex<(u64, BTreeMap<u64, Open>)>,
}

/// A connection's place among the open ones, given up when dropped.
pub struct Slot {
    conns: Arc<Conns>,
    id: u64,
}

impl Conns {
    pub fn new(cap: usize) -> Arc<Conns> {
        Arc::new(Conns {
            cap,
            open: Mutex::new((0, BTreeMap::new())),
        })
    }

    /// Takes a slot for a new connection, closing the oldest idle one when
    /// all are taken; `None` when every open connection is being answered.
    pub fn admit(self: &Arc<Self>, stream: &Arc<TcpStream>) -> Option<Slot> {
        let mut guard = self.open.lock().expect("connections lock");
        let (next, open) = &mut *guard;
        if open.len() >= self.cap && !evict_oldest_idle(open) {
            return None;
        }
        let id = *next;
        *next += 1;
        open.insert(
            id,
            Open {
                stream: Arc::clone(stream),
                phase: Phase::Reading,
            },
        );
        Some(Slot {
            conns: Arc::clone(self),
            id,
        })
    }

    /// Closes the oldest idle connection (when `accept` itself fails for
    /// want of descriptors); false when there is none.
    pub fn evict_one(&self) -> bool {
        evict_oldest_idle(&mut self.open.lock().expect("connections lock").1)
    }

    pub fn len(&self) -> usize {
        self.open.lock().expect("connections lock").1.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Shuts down the oldest connection still reading its head, else the
/// oldest event stream; its thread sees the end of the stream and ends.
fn evict_oldest_idle(open: &mut BTreeMap<u64, Open>) -> bool {
    let victim = [Phase::Reading, Phase::Streaming]
        .into_iter()
        .find_map(|phase| {
            open.iter()
                .find(|(_, o)| o.phase == phase)
                .map(|(id, _)| *id)
        });
    match victim.and_then(|id| open.remove(&id)) {
        Some(o) => {
            let _ = o.stream.shutdown(Shutdown::Both);
            true
        }
        None => false,
    }
}

impl Slot {
    pub fn set(&self, phase: Phase) {
        let mut guard = self.conns.open.lock().expect("connections lock");
        if let Some(o) = guard.1.get_mut(&self.id) {
            o.phase = phase;
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Ok(mut guard) = self.conns.open.lock() {
            guard.1.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Conns, Phase};
    use std::io::Read;
    use std::net::{TcpListener, TcpStream};
    use std::sync::Arc;

    /// `n` connected pairs: (the server's end, the client's end).
    fn pairs(n: usize) -> Vec<(Arc<TcpStream>, TcpStream)> {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        (0..n)
            .map(|_| {
                let client = TcpStream::connect(addr).unwrap();
                (Arc::new(listener.accept().unwrap().0), client)
            })
            .collect()
    }

    fn closed(client: &mut TcpStream) -> bool {
        client
            .set_read_timeout(Some(std::time::Duration::from_millis(200)))
            .unwrap();
        matches!(client.read(&mut [0u8; 1]), Ok(0))
    }

    #[test]
    fn the_oldest_idle_connection_makes_room() {
        let conns = Conns::new(3);
        let mut p = pairs(6);
        let a = conns.admit(&p[0].0).unwrap();
        let b = conns.admit(&p[1].0).unwrap();
        let c = conns.admit(&p[2].0).unwrap();
        a.set(Phase::Answering);
        b.set(Phase::Streaming);
        // c is the oldest still reading: it goes first, then the stream b.
        let d = conns.admit(&p[3].0).unwrap();
        assert!(closed(&mut p[2].1));
        d.set(Phase::Answering);
        let e = conns.admit(&p[4].0).unwrap();
        assert!(closed(&mut p[1].1));
        assert!(!closed(&mut p[0].1), "an answering connection is kept");
        assert!(!closed(&mut p[3].1));
        assert_eq!(conns.len(), 3);
        e.set(Phase::Answering);
        assert!(conns.admit(&p[5].0).is_none(), "all busy: turned away");
        drop((a, b, c));
        assert_eq!(conns.len(), 2);
        assert!(conns.admit(&p[5].0).is_some());
    }
}
