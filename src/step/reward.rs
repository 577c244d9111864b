//! Reward functions. At the goal state (ready = total = target, pending = 0) each is 1.
//!
//! - `base`:   1 at the goal, else 0.
//! - `shaped`: −0.1·|ready−target| −0.05·pending −0.15·(total−target) when over, or
//!   −0.08·(target−total) when under; clamped to [−1, 1].
//! - `scale`:  −0.02·pending/target −0.07·(total−target) when over, or
//!   −0.03·(target−total)/target when under; clamped to [−1, 1].

use serde::{Deserialize, Serialize};

use super::Obs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Reward {
    Base,
    Shaped,
    Scale,
}

pub fn at_goal(o: Obs, target: u32) -> bool {
    o.ready == target && o.total == target && o.pending == 0
}

impl Reward {
    pub fn compute(self, o: Obs, target: u32) -> f64 {
        if at_goal(o, target) {
            return 1.0;
        }
        let (ready, pending, total, t) =
            (f64::from(o.ready), f64::from(o.pending), f64::from(o.total), f64::from(target));
        let over = (total - t).max(0.0);
        let under = (t - total).max(0.0);
        let r = match self {
            Reward::Base => 0.0,
            Reward::Shaped => -0.1 * (ready - t).abs() - 0.05 * pending - 0.15 * over - 0.08 * under,
            Reward::Scale => {
                let t = t.max(1.0);
                -0.02 * pending / t - 0.07 * over - 0.03 * under / t
            }
        };
        r.clamp(-1.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(ready: u32, pending: u32, total: u32) -> Obs {
        Obs { ready, pending, total }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn goal_is_one_for_every_function() {
        for r in [Reward::Base, Reward::Shaped, Reward::Scale] {
            assert_eq!(r.compute(o(2, 0, 2), 2), 1.0);
        }
        assert_eq!(Reward::Base.compute(o(1, 1, 2), 2), 0.0);
    }

    #[test]
    fn shaped_and_scale_follow_the_formulas() {
        // Under: 1 ready of target 3, 1 pending, 2 total.
        assert!(close(Reward::Shaped.compute(o(1, 1, 2), 3), -0.2 - 0.05 - 0.08));
        // Over: 5 ready, target 3.
        assert!(close(Reward::Shaped.compute(o(5, 0, 5), 3), -0.2 - 0.30));
        assert!(close(Reward::Scale.compute(o(1, 1, 2), 3), -0.02 / 3.0 - 0.03 / 3.0));
        assert!(close(Reward::Scale.compute(o(5, 0, 5), 3), -0.14));
        // Clamped.
        assert_eq!(Reward::Shaped.compute(o(0, 40, 40), 3), -1.0);
        assert_eq!(Reward::Scale.compute(o(0, 0, 100), 3), -1.0);
    }
}
