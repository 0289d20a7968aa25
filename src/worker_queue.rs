//! The bookkeeping of the page's requests to its worker (see `worker`), pure and tested
//! natively: which requests the worker has, which wait, and what to send again when the
//! worker is replaced.
//!
//! The worker answers one message at a time, so a request posted while it is busy (a large
//! template) waits behind everything posted before it. The queue sends at most one request of
//! each kind at a time and keeps only the latest waiting one of a kind: after a long import
//! the simulator's latest request is answered next, not every keystroke typed meanwhile.
//! Cancelling a request the worker already has takes a new worker (a busy worker cannot be
//! interrupted); what the old one had of the other kinds is sent to the new one.

/// A request: its kind ([`apigw_cors::WorkerRequest::kind`]), its number and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry<M> {
    kind: &'static str,
    id: u32,
    message: M,
}

/// The requests of one page, across the workers that answer them.
#[derive(Debug)]
pub struct RequestQueue<M> {
    /// The current worker takes messages.
    ready: bool,
    /// Posted to the worker and not answered yet: at most one per kind.
    sent: Vec<Entry<M>>,
    /// Not posted yet: at most one per kind, the latest.
    waiting: Vec<Entry<M>>,
}

impl<M> Default for RequestQueue<M> {
    fn default() -> Self {
        RequestQueue {
            ready: false,
            sent: Vec::new(),
            waiting: Vec::new(),
        }
    }
}

impl<M: Clone> RequestQueue<M> {
    /// A new request: the message to post now, or `None` when it waits (the worker is not
    /// ready, or has a request of this kind still to answer). It replaces a waiting request of
    /// its kind.
    pub fn post(&mut self, kind: &'static str, id: u32, message: M) -> Option<M> {
        self.waiting.retain(|e| e.kind != kind);
        if self.ready && !self.has_sent(kind) {
            self.sent.push(Entry {
                kind,
                id,
                message: message.clone(),
            });
            return Some(message);
        }
        self.waiting.push(Entry { kind, id, message });
        None
    }

    /// The worker says it is ready: the messages to post now.
    pub fn ready(&mut self) -> Vec<M> {
        self.ready = true;
        self.release()
    }

    /// The answer to request `id` arrived: the messages to post now.
    pub fn answered(&mut self, id: u32) -> Vec<M> {
        self.sent.retain(|e| e.id != id);
        if self.ready {
            self.release()
        } else {
            Vec::new()
        }
    }

    /// Whether a request of `kind` is with the worker or waiting.
    #[cfg(test)]
    fn pending(&self, kind: &str) -> bool {
        self.has_sent(kind) || self.waiting.iter().any(|e| e.kind == kind)
    }

    /// Drops the requests of `kind`. `true` when the worker has one: only replacing the worker
    /// stops it ([`RequestQueue::restart`]).
    pub fn cancel(&mut self, kind: &str) -> bool {
        let with_worker = self.has_sent(kind);
        self.sent.retain(|e| e.kind != kind);
        self.waiting.retain(|e| e.kind != kind);
        with_worker
    }

    /// A new worker replaces the current one: what the old one had is sent to the new one
    /// when it is ready, unless a newer request of the same kind waits.
    pub fn restart(&mut self) {
        self.ready = false;
        for entry in std::mem::take(&mut self.sent) {
            if !self.waiting.iter().any(|e| e.kind == entry.kind) {
                self.waiting.push(entry);
            }
        }
    }

    /// Whether anything waits for a worker.
    pub fn has_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// The worker failed: every request is dropped (the panels report the failure, and their
    /// next request starts a new worker).
    pub fn fail(&mut self) {
        *self = RequestQueue::default();
    }

    fn has_sent(&self, kind: &str) -> bool {
        self.sent.iter().any(|e| e.kind == kind)
    }

    /// Moves a waiting request of each kind the worker has none of to the sent ones.
    fn release(&mut self) -> Vec<M> {
        let mut now = Vec::new();
        let mut index = 0;
        while index < self.waiting.len() {
            if self.has_sent(self.waiting[index].kind) {
                index += 1;
            } else {
                let entry = self.waiting.remove(index);
                now.push(entry.message.clone());
                self.sent.push(entry);
            }
        }
        now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORT: &str = "import";
    const SIMULATE: &str = "simulate";

    #[test]
    fn requests_wait_until_the_worker_is_ready_and_only_the_latest_of_a_kind_is_sent() {
        let mut queue = RequestQueue::default();
        assert_eq!(queue.post(SIMULATE, 1, "sim 1"), None);
        assert_eq!(queue.post(IMPORT, 2, "import 2"), None);
        assert_eq!(queue.post(SIMULATE, 3, "sim 3"), None);
        assert_eq!(queue.ready(), ["import 2", "sim 3"]);
        assert!(queue.pending(IMPORT) && queue.pending(SIMULATE));
        assert!(!queue.has_waiting());
    }

    #[test]
    fn one_request_of_a_kind_at_a_time_and_the_latest_waiting_one_next() {
        let mut queue = RequestQueue::default();
        queue.ready();
        assert_eq!(queue.post(SIMULATE, 1, "sim 1"), Some("sim 1"));
        // Typed while the worker answers 1: only the last one is sent after it.
        assert_eq!(queue.post(SIMULATE, 2, "sim 2"), None);
        assert_eq!(queue.post(SIMULATE, 3, "sim 3"), None);
        // Another kind does not wait for it.
        assert_eq!(queue.post(IMPORT, 4, "import 4"), Some("import 4"));
        assert_eq!(queue.answered(1), ["sim 3"]);
        assert_eq!(queue.answered(3), Vec::<&str>::new());
        assert!(!queue.pending(SIMULATE));
        assert_eq!(queue.answered(4), Vec::<&str>::new());
        assert!(!queue.pending(IMPORT));
        // An answer to a request the queue no longer has changes nothing.
        assert_eq!(queue.answered(99), Vec::<&str>::new());
    }

    #[test]
    fn cancelling_what_the_worker_has_takes_a_new_worker_that_gets_the_other_requests() {
        let mut queue = RequestQueue::default();
        queue.ready();
        assert_eq!(queue.post(IMPORT, 1, "import 1"), Some("import 1"));
        assert_eq!(queue.post(SIMULATE, 2, "sim 2"), Some("sim 2"));
        assert!(queue.cancel(IMPORT), "the worker has the import");
        assert!(!queue.pending(IMPORT));
        queue.restart();
        assert!(queue.has_waiting());
        // Until the new worker is ready, a newer simulation replaces the one to send again.
        assert_eq!(queue.post(SIMULATE, 3, "sim 3"), None);
        assert_eq!(queue.ready(), ["sim 3"]);
        assert_eq!(queue.answered(3), Vec::<&str>::new());
        assert!(!queue.pending(SIMULATE));
    }

    #[test]
    fn cancelling_what_only_waits_needs_no_new_worker() {
        let mut queue = RequestQueue::default();
        assert_eq!(queue.post(IMPORT, 1, "import 1"), None);
        assert!(!queue.cancel(IMPORT));
        assert_eq!(queue.ready(), Vec::<&str>::new());
        assert!(!queue.cancel(IMPORT), "nothing to cancel");
    }

    #[test]
    fn a_restart_sends_again_what_the_old_worker_had() {
        let mut queue = RequestQueue::default();
        queue.ready();
        queue.post(SIMULATE, 1, "sim 1");
        queue.restart();
        assert_eq!(queue.post(IMPORT, 2, "import 2"), None);
        assert_eq!(queue.ready(), ["sim 1", "import 2"]);
    }

    #[test]
    fn a_failure_drops_everything() {
        let mut queue = RequestQueue::default();
        queue.ready();
        queue.post(SIMULATE, 1, "sim 1");
        queue.post(SIMULATE, 2, "sim 2");
        queue.fail();
        assert!(!queue.pending(SIMULATE));
        assert!(!queue.has_waiting());
        // Not ready until the new worker says so.
        assert_eq!(queue.post(SIMULATE, 3, "sim 3"), None);
        assert_eq!(queue.ready(), ["sim 3"]);
    }
}
