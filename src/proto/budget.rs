//! Budgets that refill with time, for the protections of issue 4 item 7.
//!
//! Lifetime counters in other stacks have cut off legitimate clients that cancel many
//! requests over a long connection; a token bucket only trips when a peer keeps up an abusive
//! *rate*: it holds `capacity` tokens and regains `refill_per_sec` each second.

use std::time::{Duration, Instant};

/// A token bucket. Costs and capacities are in whole tokens.
#[derive(Clone, Debug)]
pub struct Budget {
    capacity: u64,
    refill_per_sec: u64,
    /// Milli-tokens, so slow refill rates still make progress between calls.
    level_milli: u64,
    last: Option<Instant>,
}

impl Budget {
    pub fn new(capacity: u32, refill_per_sec: u32) -> Budget {
        Budget { capacity: u64::from(capacity), refill_per_sec: u64::from(refill_per_sec), level_milli: u64::from(capacity) * 1000, last: None }
    }

    fn refill(&mut self, now: Instant) {
        if let Some(last) = self.last {
            let elapsed = now.saturating_duration_since(last).min(Duration::from_secs(3600));
            let gained = elapsed.as_millis() as u64 * self.refill_per_sec;
            self.level_milli = (self.level_milli + gained).min(self.capacity * 1000);
        }
        self.last = Some(now);
    }

    /// Takes `cost` tokens; false when the budget cannot cover it (the protection trips).
    pub fn spend(&mut self, cost: u32, now: Instant) -> bool {
        self.refill(now);
        let cost = u64::from(cost) * 1000;
        if cost > self.level_milli {
            return false;
        }
        self.level_milli -= cost;
        true
    }

    /// Gives back `tokens` for healthy traffic (never above capacity).
    pub fn earn(&mut self, tokens: u32, now: Instant) {
        self.refill(now);
        self.level_milli = (self.level_milli + u64::from(tokens) * 1000).min(self.capacity * 1000);
    }

    /// Whole tokens left (after refilling to `now`).
    pub fn remaining(&mut self, now: Instant) -> u64 {
        self.refill(now);
        self.level_milli / 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_trips_on_a_burst_and_refills_over_time() {
        let t0 = Instant::now();
        let mut b = Budget::new(10, 5);
        for _ in 0..10 {
            assert!(b.spend(1, t0));
        }
        assert!(!b.spend(1, t0));
        // 200 ms at 5/s gives one token back.
        assert!(b.spend(1, t0 + Duration::from_millis(200)));
        assert!(!b.spend(1, t0 + Duration::from_millis(200)));
        // Never above capacity.
        assert_eq!(b.remaining(t0 + Duration::from_secs(100)), 10);
    }
}
