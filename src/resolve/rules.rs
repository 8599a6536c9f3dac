//! The delegate rules of the plans: exemplars at least 70% of a
//! conference's delegates, guests at most 30%, the total under the ceiling
//! the plan sets. A breach is a warning with the figures, never an error.

use crate::model::{DelegateIssue, Delegates};

/// Checks a conference's delegates against the rules of the plans.
pub fn delegate_rules(d: &Delegates) -> Vec<DelegateIssue> {
    let mut issues = Vec::new();
    if let Some(total) = d.total {
        if let Some(exemplars) = d.exemplars {
            let required = (7 * total).div_ceil(10);
            if exemplars < required {
                issues.push(DelegateIssue::ExemplarsBelow {
                    exemplars,
                    total,
                    required,
                });
            }
        }
        if let Some(guests) = d.guests {
            let allowed = (3 * total) / 10;
            if guests > allowed {
                issues.push(DelegateIssue::GuestsAbove {
                    guests,
                    total,
                    allowed,
                });
            }
        }
        if let (Some(e), Some(g)) = (d.exemplars, d.guests)
            && e + g > total
        {
            issues.push(DelegateIssue::PartsExceedTotal {
                exemplars: e,
                guests: g,
                total,
            });
        }
        if let Some(cap) = d.cap
            && total > cap
        {
            issues.push(DelegateIssue::OverCap { total, cap });
        }
        for (group, count) in [("women", d.women), ("ethnic_minority", d.ethnic_minority)] {
            if let Some(count) = count
                && count > total
            {
                issues.push(DelegateIssue::GroupExceedsTotal {
                    group,
                    count,
                    total,
                });
            }
        }
    }
    issues
}

fn percent(part: u32, total: u32) -> String {
    if total == 0 {
        return "0%".into();
    }
    let p = part as f64 * 100.0 / total as f64;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p)
    } else {
        format!("{:.1}%", p)
    }
}

/// The warning text and help for a delegate issue.
pub fn describe_issue(issue: &DelegateIssue) -> (String, String) {
    match *issue {
        DelegateIssue::ExemplarsBelow { exemplars, total, required } => (
            format!(
                "exemplars are {exemplars} of {total} delegates ({}), below the 70% the plans require: at least {required}, {} short",
                percent(exemplars, total),
                required - exemplars
            ),
            "the plans require exemplars (người trực tiếp sản xuất, công tác…) to be at least 70% of delegates".into(),
        ),
        DelegateIssue::GuestsAbove { guests, total, allowed } => (
            format!(
                "guests are {guests} of {total} delegates ({}), above the 30% the plans allow: at most {allowed}, {} too many",
                percent(guests, total),
                guests - allowed
            ),
            "guests and leaders may be at most 30% of delegates".into(),
        ),
        DelegateIssue::OverCap { total, cap } => (
            format!("{total} delegates exceed the ceiling of {cap} by {}", total - cap),
            "the plan sets the ceiling in `cap`; reduce `total` or check the figures".into(),
        ),
        DelegateIssue::PartsExceedTotal { exemplars, guests, total } => (
            format!("exemplars ({exemplars}) and guests ({guests}) add up to {}, more than the {total} delegates", exemplars + guests),
            "check `total`, `exemplars` and `guests`".into(),
        ),
        DelegateIssue::GroupExceedsTotal { group, count, total } => (
            format!("`{group}` ({count}) is more than the {total} delegates"),
            format!("check `{group}` and `total`"),
        ),
    }
}
