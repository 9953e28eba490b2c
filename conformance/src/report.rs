//! What each check found: pass, fail (with why) or skip (with how to enable it), with what was
//! sent and what came back, printed as the checks run and summed up at the end.

/// The verdict of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// As the contract says.
    Pass,
    /// Not as the contract says: why.
    Fail(String),
    /// Not run: why, and how to run it.
    Skip(String),
}

/// One check's result.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// Its stable name (`signups.patch.lost_update_409`).
    pub name: String,
    /// The verdict.
    pub outcome: Outcome,
    /// The last request it sent (credentials left out).
    pub sent: String,
    /// What came back to it.
    pub got: String,
}

impl CheckResult {
    /// The result as lines for a terminal or a CI log.
    pub fn render(&self) -> String {
        match &self.outcome {
            Outcome::Pass => format!("pass  {}", self.name),
            Outcome::Skip(why) => format!("skip  {}: {why}", self.name),
            Outcome::Fail(why) => format!("FAIL  {}: {why}\n      sent: {}\n      got:  {}", self.name, self.sent, self.got),
        }
    }
}

/// Every result of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// In the order they ran.
    pub results: Vec<CheckResult>,
}

impl Report {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.results.iter().filter(|r| f(&r.outcome)).count()
    }

    /// Checks that passed.
    pub fn passed(&self) -> usize {
        self.count(|o| *o == Outcome::Pass)
    }

    /// Checks that failed.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Fail(_)))
    }

    /// Checks skipped.
    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Skip(_)))
    }

    /// The result of the check named `name`.
    pub fn get(&self, name: &str) -> Option<&CheckResult> {
        self.results.iter().find(|r| r.name == name)
    }

    /// `N passed, M failed, K skipped`.
    pub fn summary(&self) -> String {
        format!("{} passed, {} failed, {} skipped", self.passed(), self.failed(), self.skipped())
    }
}
