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

use crate::frame::StreamId;

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
}

/// The dependency tree. The root (stream 0) is implicit.
#[derive(Debug)]
pub struct PriorityTree {
    nodes: super::IdMap<Node>,
    root_children: Vec<u32>,
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
        PriorityTree { nodes: super::IdMap::default(), root_children: Vec::new(), root_active: 0, max_nodes, idle_nodes: 0 }
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

    fn children(&self, parent: u32) -> &[u32] {
        if parent == 0 {
            &self.root_children
        } else {
            self.nodes.get(&parent).map_or(&[], |n| &n.children)
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
        let prio = if prio.parent.get() != 0 && !self.nodes.contains_key(&prio.parent.get()) { Priority { parent: StreamId::ZERO, weight: DEFAULT_WEIGHT, exclusive: false } } else { prio };
        let vt = self.min_vt(prio.parent.get());
        self.nodes.insert(id.get(), Node { parent: prio.parent.get(), weight: prio.weight.clamp(1, 256), children: Vec::new(), ready: false, active: 0, vt, idle });
        if idle {
            self.idle_nodes += 1;
        }
        self.attach(id.get(), prio.parent.get(), prio.exclusive);
        Ok(())
    }

    /// Puts `id` under `parent`; with `exclusive`, `parent`'s other children move under `id`.
    fn attach(&mut self, id: u32, parent: u32, exclusive: bool) {
        let moved: Vec<u32> = if exclusive { self.children_mut(parent).map(std::mem::take).unwrap_or_default() } else { Vec::new() };
        let moved_active: u32 = moved.iter().filter_map(|c| self.nodes.get(c)).map(|n| n.active).sum();
        for c in &moved {
            if let Some(n) = self.nodes.get_mut(c) {
                n.parent = id;
            }
        }
        if let Some(n) = self.nodes.get_mut(&id) {
            n.parent = parent;
            n.children.extend(moved);
            n.active += moved_active;
        }
        if let Some(ch) = self.children_mut(parent) {
            ch.push(id);
        }
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
            n.active = (n.active as i64 + delta).max(0) as u32;
            cur = n.parent;
            steps += 1;
            if steps > self.max_nodes + 1 {
                return;
            }
        }
    }

    fn min_vt(&self, parent: u32) -> u64 {
        self.children(parent).iter().filter_map(|c| self.nodes.get(c)).filter(|n| n.active > 0).map(|n| n.vt).min().unwrap_or(0)
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
        let (parent, weight, children) = (node.parent, node.weight, node.children.clone());
        let was_ready = node.ready;
        if was_ready {
            self.set_ready(StreamId::new(id), false);
        }
        self.detach(id);
        let sum: u32 = children.iter().filter_map(|c| self.nodes.get(c)).map(|n| u32::from(n.weight)).sum();
        for c in &children {
            let Some(n) = self.nodes.get_mut(c) else { continue };
            let share = if sum == 0 { 1 } else { (u32::from(weight) * u32::from(n.weight) / sum).max(1) };
            n.weight = share.min(256) as u16;
            n.parent = parent;
        }
        let moved_active: u32 = children.iter().filter_map(|c| self.nodes.get(c)).map(|n| n.active).sum();
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
        n.active = (n.active as i64 + delta).max(0) as u32;
        let parent = n.parent;
        if ready {
            // A subtree that becomes active starts level with its active siblings, so a
            // stream that idled does not get a burst of catch-up bandwidth.
            let was_only = self.nodes.get(&id.get()).map_or(false, |n| n.active == 1);
            if was_only {
                let floor = self.min_vt_excluding(parent, id.get());
                if let Some(n) = self.nodes.get_mut(&id.get()) {
                    n.vt = n.vt.max(floor);
                }
            }
        }
        self.add_active(parent, delta);
    }

    fn min_vt_excluding(&self, parent: u32, skip: u32) -> u64 {
        self.children(parent).iter().filter(|&&c| c != skip).filter_map(|c| self.nodes.get(c)).filter(|n| n.active > 0).map(|n| n.vt).min().unwrap_or(0)
    }

    /// The next stream to send DATA for, or `None` when no stream is ready.
    pub fn next(&self) -> Option<StreamId> {
        if self.root_active == 0 {
            return None;
        }
        let mut parent = 0u32;
        for _ in 0..=self.nodes.len() {
            let best = self.children(parent).iter().filter_map(|c| self.nodes.get(c).map(|n| (*c, n))).filter(|(_, n)| n.active > 0).min_by_key(|(c, n)| (n.vt, *c));
            let (id, node) = best?;
            if node.ready {
                return Some(StreamId::new(id));
            }
            parent = id;
        }
        None
    }

    /// Charges `bytes` sent by `id` to it and its ancestors' virtual times.
    pub fn charge(&mut self, id: StreamId, bytes: usize) {
        let mut cur = id.get();
        let mut steps = 0;
        while cur != 0 && steps <= self.nodes.len() {
            let Some(n) = self.nodes.get_mut(&cur) else { return };
            n.vt = n.vt.saturating_add(bytes as u64 * STRIDE / u64::from(n.weight.max(1)));
            cur = n.parent;
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
