//! The RFC 7540 §5.3 priority tree and the DATA scheduler that follows it (SES-20, STR-11).
//!
//! RFC 9113 §5.3.2 deprecates this scheme, but the seed documents `priority()` and the
//! `exclusive`/`parent`/`weight` options, so the tree is kept, with a bound on its size
//! (CVE-2019-9513: a peer that reshuffles a huge tree burns our CPU).
//!
//! Scheduling: a stream that can send goes before its dependents (§5.3.1: dependents only get
//! resources when the streams they depend on cannot proceed); siblings share in proportion to
//! their weights, by a stride scheduler: each node has a virtual finish time that advances by
//! `bytes * STRIDE / weight` when its subtree sends.
//!
//! Each node keeps its children that have a ready stream below them in a sorted set keyed
//! by (virtual time, id), so choosing the next stream, opening one and closing one cost
//! O(depth × log siblings) instead of a scan of every sibling (a connection with 100 streams
//! in flight spent a quarter of its time in those scans).

use crate::frame::StreamId;

/// Children with a ready stream below them, sorted by (vt, id). A sorted vector: the sets are
/// small (bounded by the streams that have data to send), it keeps its capacity as streams
/// come and go, and moving a few dozen 16-byte keys is cheaper than a tree's allocations.
#[derive(Debug, Default)]
struct ReadySet(Vec<(u64, u32)>);

impl ReadySet {
    fn insert(&mut self, key: (u64, u32)) {
        if let Err(at) = self.0.binary_search(&key) {
            self.0.insert(at, key);
        }
    }

    fn remove(&mut self, key: &(u64, u32)) {
        if let Ok(at) = self.0.binary_search(key) {
            self.0.remove(at);
        }
    }

    fn first(&self) -> Option<&(u64, u32)> {
        self.0.first()
    }

    #[cfg(test)]
    fn contains(&self, key: &(u64, u32)) -> bool {
        self.0.binary_search(key).is_ok()
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.len()
    }
}

/// RFC 9113 §5.3.5 (RFC 7540): default weight 16, default parent 0, not exclusive.
pub const DEFAULT_WEIGHT: u16 = 16;
const STRIDE: u64 = 1 << 16;

/// A priority as given by a HEADERS/PRIORITY frame or by `priority()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Priority {
    pub parent: StreamId,
    /// 1..=256.
    pub weight: u16,
    pub exclusive: bool,
}

impl Default for Priority {
    fn default() -> Self {
        Priority { parent: StreamId::ZERO, weight: DEFAULT_WEIGHT, exclusive: false }
    }
}

#[derive(Debug)]
struct Node {
    parent: u32,
    weight: u16,
    children: Vec<u32>,
    /// The stream itself has data and window to send.
    ready: bool,
    /// Ready streams in this subtree, this node included.
    active: u32,
    /// Virtual finish time among its siblings.
    vt: u64,
    /// Created by a PRIORITY frame for a stream that was never opened.
    idle: bool,
    /// Children whose subtree has a ready stream, by (vt, id): the scheduler's candidates.
    ready_children: ReadySet,
    /// The vt under which this node sits in its parent's `ready_children`, if it does.
    linked_vt: Option<u64>,
}

/// The dependency tree. The root (stream 0) is implicit.
#[derive(Debug)]
pub struct PriorityTree {
    nodes: super::IdMap<Node>,
    root_children: Vec<u32>,
    root_ready: ReadySet,
    root_active: u32,
    max_nodes: usize,
    idle_nodes: usize,
}

/// The tree is full (see `PriorityTree::new`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeFull;

impl PriorityTree {
    /// A tree holding at most `max_nodes` streams.
    pub fn new(max_nodes: usize) -> PriorityTree {
        PriorityTree { nodes: super::IdMap::default(), root_children: Vec::new(), root_ready: ReadySet::default(), root_active: 0, max_nodes, idle_nodes: 0 }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Nodes created by PRIORITY frames for streams not (yet) opened.
    pub fn idle_nodes(&self) -> usize {
        self.idle_nodes
    }

    pub fn contains(&self, id: StreamId) -> bool {
        self.nodes.contains_key(&id.get())
    }

    /// (parent, weight) of a stream in the tree.
    pub fn get(&self, id: StreamId) -> Option<(StreamId, u16)> {
        self.nodes.get(&id.get()).map(|n| (StreamId::new(n.parent), n.weight))
    }

    /// Sum of the weights of a stream's children (Node's `sumDependencyWeight`).
    pub fn sum_dependency_weight(&self, id: StreamId) -> u32 {
        let children = if id.get() == 0 { &self.root_children } else { match self.nodes.get(&id.get()) { Some(n) => &n.children, None => return 0 } };
        children.iter().filter_map(|c| self.nodes.get(c)).map(|n| u32::from(n.weight)).sum()
    }

    fn children_mut(&mut self, parent: u32) -> Option<&mut Vec<u32>> {
        if parent == 0 {
            Some(&mut self.root_children)
        } else {
            self.nodes.get_mut(&parent).map(|n| &mut n.children)
        }
    }

    fn ready_set(&self, parent: u32) -> Option<&ReadySet> {
        if parent == 0 {
            Some(&self.root_ready)
        } else {
            self.nodes.get(&parent).map(|n| &n.ready_children)
        }
    }

    fn ready_set_mut(&mut self, parent: u32) -> Option<&mut ReadySet> {
        if parent == 0 {
            Some(&mut self.root_ready)
        } else {
            self.nodes.get_mut(&parent).map(|n| &mut n.ready_children)
        }
    }

    /// Takes `id` out of its parent's ready set (before its parent, vt or activity changes).
    fn unlink(&mut self, id: u32) {
        let Some(n) = self.nodes.get_mut(&id) else { return };
        let Some(vt) = n.linked_vt.take() else { return };
        let parent = n.parent;
        if let Some(set) = self.ready_set_mut(parent) {
            set.remove(&(vt, id));
        }
    }

    /// Puts `id` in its parent's ready set, under its current vt, if its subtree is active.
    fn link(&mut self, id: u32) {
        let Some(n) = self.nodes.get_mut(&id) else { return };
        if n.active == 0 || n.linked_vt.is_some() {
            return;
        }
        let (vt, parent) = (n.vt, n.parent);
        n.linked_vt = Some(vt);
        if let Some(set) = self.ready_set_mut(parent) {
            set.insert((vt, id));
        }
    }

    fn is_descendant(&self, id: u32, ancestor: u32) -> bool {
        let mut cur = id;
        let mut steps = 0;
        while cur != 0 && steps <= self.nodes.len() {
            if cur == ancestor {
                return true;
            }
            cur = self.nodes.get(&cur).map_or(0, |n| n.parent);
            steps += 1;
        }
        false
    }

    /// Adds a stream (an opened stream, or an idle one named by a PRIORITY frame).
    /// A parent not in the tree gives the default priority (RFC 7540 §5.3.1).
    pub fn insert(&mut self, id: StreamId, prio: Priority, idle: bool) -> Result<(), TreeFull> {
        if self.nodes.contains_key(&id.get()) {
            if !idle {
                if let Some(n) = self.nodes.get_mut(&id.get()) {
                    if n.idle {
                        n.idle = false;
                        self.idle_nodes -= 1;
                    }
                }
            }
            self.reprioritize(id, prio);
            return Ok(());
        }
        if self.nodes.len() >= self.max_nodes {
            return Err(TreeFull);
        }
        if prio.parent.get() == 0 && !prio.exclusive {
            // The usual case, a stream under the root that adopts nobody: no ready set to join
            // yet (a new node is not active), so one map insert.
            let vt = self.root_ready.first().map_or(0, |&(vt, _)| vt);
            self.nodes.insert(id.get(), Node { parent: 0, weight: prio.weight.clamp(1, 256), children: Vec::new(), ready: false, active: 0, vt, idle, ready_children: ReadySet::default(), linked_vt: None });
            if idle {
                self.idle_nodes += 1;
            }
            self.root_children.push(id.get());
            return Ok(());
        }
        let prio = if prio.parent.get() != 0 && !self.nodes.contains_key(&prio.parent.get()) { Priority { parent: StreamId::ZERO, weight: DEFAULT_WEIGHT, exclusive: false } } else { prio };
        let vt = self.min_vt(prio.parent.get());
        self.nodes.insert(id.get(), Node { parent: prio.parent.get(), weight: prio.weight.clamp(1, 256), children: Vec::new(), ready: false, active: 0, vt, idle, ready_children: ReadySet::default(), linked_vt: None });
        if idle {
            self.idle_nodes += 1;
        }
        self.attach(id.get(), prio.parent.get(), prio.exclusive);
        Ok(())
    }

    /// Puts `id` under `parent`; with `exclusive`, `parent`'s other children move under `id`.
    /// `id` must not be in any ready set (new, or detached).
    fn attach(&mut self, id: u32, parent: u32, exclusive: bool) {
        let moved: Vec<u32> = if exclusive { self.children_mut(parent).map(std::mem::take).unwrap_or_default() } else { Vec::new() };
        let moved_active: u32 = moved.iter().filter_map(|c| self.nodes.get(c)).map(|n| n.active).sum();
        for &c in &moved {
            self.unlink(c);
            if let Some(n) = self.nodes.get_mut(&c) {
                n.parent = id;
            }
        }
        if let Some(n) = self.nodes.get_mut(&id) {
            n.parent = parent;
            n.children.extend_from_slice(&moved);
            n.active += moved_active;
        }
        for &c in &moved {
            self.link(c);
        }
        if let Some(ch) = self.children_mut(parent) {
            ch.push(id);
        }
        self.link(id);
        // The parent's active count is unchanged by moving its own children under `id`,
        // except for `id`'s own subtree which we add now.
        let own = self.nodes.get(&id).map_or(0, |n| n.active) - moved_active;
        self.add_active(parent, own as i64);
    }

    fn detach(&mut self, id: u32) {
        let (parent, active) = match self.nodes.get(&id) {
            Some(n) => (n.parent, n.active),
            None => return,
        };
        self.unlink(id);
        if let Some(ch) = self.children_mut(parent) {
            ch.retain(|&c| c != id);
        }
        self.add_active(parent, -(active as i64));
    }

    fn add_active(&mut self, from: u32, delta: i64) {
        if delta == 0 {
            return;
        }
        let mut cur = from;
        let mut steps = 0;
        loop {
            if cur == 0 {
                self.root_active = (self.root_active as i64 + delta).max(0) as u32;
                return;
            }
            let Some(n) = self.nodes.get_mut(&cur) else { return };
            let was = n.active;
            n.active = (n.active as i64 + delta).max(0) as u32;
            let (now, parent) = (n.active, n.parent);
            // A subtree that gains its first ready stream becomes a candidate; one that
            // loses its last stops being one.
            if was == 0 && now > 0 {
                self.link(cur);
            } else if was > 0 && now == 0 {
                self.unlink(cur);
            }
            cur = parent;
            steps += 1;
            if steps > self.max_nodes + 1 {
                return;
            }
        }
    }

    fn min_vt(&self, parent: u32) -> u64 {
        self.ready_set(parent).and_then(|set| set.first()).map_or(0, |&(vt, _)| vt)
    }

    /// RFC 7540 §5.3.3: a new priority. If the new parent depends on this stream, the parent
    /// first moves to this stream's old place.
    pub fn reprioritize(&mut self, id: StreamId, prio: Priority) {
        let id = id.get();
        if !self.nodes.contains_key(&id) || prio.parent.get() == id {
            return;
        }
        let parent = if prio.parent.get() != 0 && !self.nodes.contains_key(&prio.parent.get()) { 0 } else { prio.parent.get() };
        let (parent, exclusive, weight) = if parent != prio.parent.get() { (0, false, DEFAULT_WEIGHT) } else { (parent, prio.exclusive, prio.weight.clamp(1, 256)) };
        if parent != 0 && self.is_descendant(parent, id) {
            let old_parent = self.nodes.get(&id).map_or(0, |n| n.parent);
            self.detach(parent);
            self.attach(parent, old_parent, false);
        }
        self.detach(id);
        if let Some(n) = self.nodes.get_mut(&id) {
            n.weight = weight;
        }
        self.attach(id, parent, exclusive);
    }

    /// RFC 7540 §5.3.4: a closed stream leaves the tree; its children move to its parent and
    /// share its weight in proportion to their own.
    pub fn remove(&mut self, id: StreamId) {
        let id = id.get();
        let Some(node) = self.nodes.get(&id) else { return };
        if node.parent == 0 && node.children.is_empty() {
            // The usual case, a leaf under the root: nothing moves, one map removal.
            let Some(n) = self.nodes.remove(&id) else { return };
            if let Some(vt) = n.linked_vt {
                self.root_ready.remove(&(vt, id));
            }
            self.root_active = self.root_active.saturating_sub(n.active);
            if let Some(at) = self.root_children.iter().position(|&c| c == id) {
                self.root_children.remove(at);
            }
            if n.idle {
                self.idle_nodes -= 1;
            }
            return;
        }
        let (parent, weight, children) = (node.parent, node.weight, node.children.clone());
        let was_ready = node.ready;
        if was_ready {
            self.set_ready(StreamId::new(id), false);
        }
        self.detach(id);
        let sum: u32 = children.iter().filter_map(|c| self.nodes.get(c)).map(|n| u32::from(n.weight)).sum();
        for &c in &children {
            self.unlink(c);
            let Some(n) = self.nodes.get_mut(&c) else { continue };
            let share = (u32::from(weight) * u32::from(n.weight)).checked_div(sum).map_or(1, |s| s.max(1));
            n.weight = share.min(256) as u16;
            n.parent = parent;
        }
        let moved_active: u32 = children.iter().filter_map(|c| self.nodes.get(c)).map(|n| n.active).sum();
        for &c in &children {
            self.link(c);
        }
        if let Some(ch) = self.children_mut(parent) {
            ch.extend(children);
        }
        self.add_active(parent, moved_active as i64);
        if let Some(n) = self.nodes.remove(&id) {
            if n.idle {
                self.idle_nodes -= 1;
            }
        }
    }

    /// Removes the oldest-looking idle node (used to stay within the idle bound).
    pub fn evict_idle(&mut self) -> bool {
        let victim = self.nodes.iter().filter(|(_, n)| n.idle && n.children.is_empty()).map(|(&id, _)| id).min();
        match victim {
            Some(id) => {
                self.remove(StreamId::new(id));
                true
            }
            None => false,
        }
    }

    /// Marks whether a stream has data and window to send.
    pub fn set_ready(&mut self, id: StreamId, ready: bool) {
        let Some(n) = self.nodes.get_mut(&id.get()) else { return };
        if n.ready == ready {
            return;
        }
        n.ready = ready;
        let delta = if ready { 1 } else { -1 };
        let was = n.active;
        n.active = (n.active as i64 + delta).max(0) as u32;
        let (now, parent) = (n.active, n.parent);
        if parent == 0 {
            // The usual case, a child of the root, whose ready set is a field of the tree:
            // the same steps as below with one map lookup.
            if was == 0 && now > 0 {
                let floor = self.root_ready.first().map_or(0, |&(vt, _)| vt);
                n.vt = n.vt.max(floor);
                if n.linked_vt.is_none() {
                    n.linked_vt = Some(n.vt);
                    self.root_ready.insert((n.vt, id.get()));
                }
            } else if was > 0 && now == 0 {
                if let Some(vt) = n.linked_vt.take() {
                    self.root_ready.remove(&(vt, id.get()));
                }
            }
            self.root_active = (self.root_active as i64 + delta).max(0) as u32;
            return;
        }
        if was == 0 && now > 0 {
            // A subtree that becomes active starts level with its active siblings, so a
            // stream that idled does not get a burst of catch-up bandwidth.
            let floor = self.min_vt(parent);
            if let Some(n) = self.nodes.get_mut(&id.get()) {
                n.vt = n.vt.max(floor);
            }
            self.link(id.get());
        } else if was > 0 && now == 0 {
            self.unlink(id.get());
        }
        self.add_active(parent, delta);
    }

    /// The next stream to send DATA for, or `None` when no stream is ready.
    pub fn next(&self) -> Option<StreamId> {
        if self.root_active == 0 {
            return None;
        }
        let mut parent = 0u32;
        for _ in 0..=self.nodes.len() {
            // The active child with the lowest (vt, id).
            let &(_, id) = self.ready_set(parent)?.first()?;
            if self.nodes.get(&id)?.ready {
                return Some(StreamId::new(id));
            }
            parent = id;
        }
        None
    }

    /// Charges `bytes` sent by `id` to it and its ancestors' virtual times.
    pub fn charge(&mut self, id: StreamId, bytes: usize) {
        if let Some(n) = self.nodes.get_mut(&id.get()) {
            if n.parent == 0 {
                // The usual case, a child of the root: its key in the root's set moves.
                n.vt = n.vt.saturating_add(bytes as u64 * STRIDE / u64::from(n.weight.max(1)));
                if let Some(old) = n.linked_vt.take() {
                    self.root_ready.remove(&(old, id.get()));
                }
                if n.active > 0 {
                    n.linked_vt = Some(n.vt);
                    self.root_ready.insert((n.vt, id.get()));
                }
                return;
            }
        }
        let mut cur = id.get();
        let mut steps = 0;
        while cur != 0 && steps <= self.nodes.len() {
            let Some(n) = self.nodes.get_mut(&cur) else { return };
            n.vt = n.vt.saturating_add(bytes as u64 * STRIDE / u64::from(n.weight.max(1)));
            let parent = n.parent;
            // Its key among its siblings moved.
            self.unlink(cur);
            self.link(cur);
            cur = parent;
            steps += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(parent: u32, weight: u16, exclusive: bool) -> Priority {
        Priority { parent: StreamId::new(parent), weight, exclusive }
    }

    #[test]
    fn rfc7540_5_3_1_unknown_parent_gives_default_priority() {
        let mut t = PriorityTree::new(100);
        t.insert(StreamId::new(3), p(99, 200, true), false).unwrap();
        assert_eq!(t.get(StreamId::new(3)), Some((StreamId::new(0), DEFAULT_WEIGHT)));
    }

    #[test]
    fn rfc7540_5_3_1_exclusive_insertion_adopts_siblings() {
        let mut t = PriorityTree::new(100);
        t.insert(StreamId::new(1), p(0, 16, false), false).unwrap();
        t.insert(StreamId::new(3), p(0, 16, false), false).unwrap();
        t.insert(StreamId::new(5), p(0, 32, true), false).unwrap();
        assert_eq!(t.get(StreamId::new(1)), Some((StreamId::new(5), 16)));
        assert_eq!(t.get(StreamId::new(3)), Some((StreamId::new(5), 16)));
        assert_eq!(t.sum_dependency_weight(StreamId::new(5)), 32);
        assert_eq!(t.sum_dependency_weight(StreamId::new(0)), 32);
    }

    #[test]
    fn rfc7540_5_3_3_moving_under_a_descendant() {
        // 1 <- 3 <- 5; make 1 depend on 5: 5 first moves to 1's old parent (0).
        let mut t = PriorityTree::new(100);
        t.insert(StreamId::new(1), p(0, 16, false), false).unwrap();
        t.insert(StreamId::new(3), p(1, 16, false), false).unwrap();
        t.insert(StreamId::new(5), p(3, 16, false), false).unwrap();
        t.reprioritize(StreamId::new(1), p(5, 16, false));
        assert_eq!(t.get(StreamId::new(5)), Some((StreamId::new(0), 16)));
        assert_eq!(t.get(StreamId::new(1)), Some((StreamId::new(5), 16)));
        assert_eq!(t.get(StreamId::new(3)), Some((StreamId::new(1), 16)));
    }

    #[test]
    fn rfc7540_5_3_4_removal_redistributes_weight() {
        let mut t = PriorityTree::new(100);
        t.insert(StreamId::new(1), p(0, 64, false), false).unwrap();
        t.insert(StreamId::new(3), p(1, 16, false), false).unwrap();
        t.insert(StreamId::new(5), p(1, 48, false), false).unwrap();
        t.remove(StreamId::new(1));
        assert_eq!(t.get(StreamId::new(3)), Some((StreamId::new(0), 16)));
        assert_eq!(t.get(StreamId::new(5)), Some((StreamId::new(0), 48)));
    }

    #[test]
    fn ses_20_parent_before_children_and_weighted_siblings() {
        let mut t = PriorityTree::new(100);
        t.insert(StreamId::new(1), p(0, 16, false), false).unwrap();
        t.insert(StreamId::new(3), p(1, 16, false), false).unwrap();
        t.set_ready(StreamId::new(1), true);
        t.set_ready(StreamId::new(3), true);
        assert_eq!(t.next(), Some(StreamId::new(1)));
        t.set_ready(StreamId::new(1), false);
        assert_eq!(t.next(), Some(StreamId::new(3)));

        let mut t = PriorityTree::new(100);
        t.insert(StreamId::new(1), p(0, 200, false), false).unwrap();
        t.insert(StreamId::new(3), p(0, 50, false), false).unwrap();
        t.set_ready(StreamId::new(1), true);
        t.set_ready(StreamId::new(3), true);
        let mut sent = [0usize; 2];
        for _ in 0..1000 {
            let id = t.next().unwrap();
            t.charge(id, 1000);
            sent[(id.get() / 3) as usize] += 1000;
        }
        let ratio = sent[0] as f64 / sent[1] as f64;
        assert!((3.5..4.5).contains(&ratio), "200:50 share, got {ratio}");
    }

    /// The old scheduler, by scanning every sibling: the ready sets must give the same answer.
    fn next_by_scan(t: &PriorityTree) -> Option<StreamId> {
        if t.root_active == 0 {
            return None;
        }
        let mut parent = 0u32;
        for _ in 0..=t.nodes.len() {
            let children = if parent == 0 { &t.root_children } else { &t.nodes.get(&parent)?.children };
            let (id, node) = children.iter().filter_map(|c| t.nodes.get(c).map(|n| (*c, n))).filter(|(_, n)| n.active > 0).min_by_key(|(c, n)| (n.vt, *c))?;
            if node.ready {
                return Some(StreamId::new(id));
            }
            parent = id;
        }
        None
    }

    /// Every node sits in its parent's ready set, under its vt, exactly when its subtree has
    /// a ready stream; `active` counts the ready streams of the subtree.
    fn check_invariants(t: &PriorityTree) {
        for (&id, n) in &t.nodes {
            let set = t.ready_set(n.parent).expect("parent exists");
            assert_eq!(set.contains(&(n.vt, id)), n.active > 0, "stream {id} membership");
            assert_eq!(n.linked_vt.is_some(), n.active > 0);
            let below: u32 = n.children.iter().map(|c| t.nodes[c].active).sum();
            assert_eq!(n.active, below + u32::from(n.ready), "stream {id} active count");
            assert_eq!(n.ready_children.len(), n.children.iter().filter(|c| t.nodes[c].active > 0).count());
        }
        assert_eq!(t.root_ready.len(), t.root_children.iter().filter(|c| t.nodes[c].active > 0).count());
    }

    /// SES-20 / RFC 7540 §5.3: random opens, reprioritizations (exclusive ones too), closes,
    /// readiness changes and sends; after each, the scheduler picks what a full scan picks.
    #[test]
    fn ses_20_ready_sets_agree_with_a_full_scan() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rnd = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _round in 0..20 {
            let mut t = PriorityTree::new(64);
            for _ in 0..400 {
                let id = (rnd(40) * 2 + 1) as u32;
                let parent = if rnd(3) == 0 { 0 } else { (rnd(40) * 2 + 1) as u32 };
                match rnd(6) {
                    0 | 1 => {
                        let _ = t.insert(StreamId::new(id), p(parent, 1 + rnd(256) as u16, rnd(4) == 0), rnd(5) == 0);
                    }
                    2 => t.remove(StreamId::new(id)),
                    3 => t.set_ready(StreamId::new(id), rnd(3) != 0),
                    4 => t.reprioritize(StreamId::new(id), p(parent, 1 + rnd(256) as u16, rnd(3) == 0)),
                    _ => {
                        if let Some(next) = t.next() {
                            t.charge(next, 1 + rnd(16_384) as usize);
                        }
                    }
                }
                check_invariants(&t);
                assert_eq!(t.next(), next_by_scan(&t));
            }
        }
    }

    #[test]
    fn cve_2019_9513_tree_is_bounded() {
        let mut t = PriorityTree::new(3);
        for id in [1, 3, 5] {
            t.insert(StreamId::new(id), Priority::default(), true).unwrap();
        }
        assert_eq!(t.insert(StreamId::new(7), Priority::default(), true), Err(TreeFull));
        assert_eq!(t.idle_nodes(), 3);
        assert!(t.evict_idle());
        assert_eq!(t.len(), 2);
    }
}
