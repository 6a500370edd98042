//! The `ticketgram serve` processes of the story, and the operator who keeps killing them.
//!
//! Each instance has a fixed `TICKETGRAM_INSTANCE_ID`, as a systemd unit or a StatefulSet pod
//! would give it, so a restarted process is the same instance to the database.

use std::process::Command;
use std::time::{Duration, Instant};

use rand::{Rng as _, SeedableRng as _};

use crate::serve::Server;

/// How an instance's `serve` command is built, given its instance id.
pub type ServeCommand = Box<dyn Fn(&str) -> Command + Send>;

/// The log line that says an instance is up and serving.
const READY: &str = "Ticketgram is running";

struct Instance {
    id: String,
    server: Option<Server>,
}

/// Instances sharing one database, each running until killed and restarted.
pub struct Fleet {
    make: ServeCommand,
    instances: Vec<Instance>,
    /// Everything the killed and stopped processes logged, one block per process.
    pub logs: Vec<String>,
}

impl Fleet {
    /// Starts every instance and waits until each is serving.
    pub fn start(ids: &[&str], make: ServeCommand) -> Fleet {
        let mut fleet = Fleet {
            make,
            instances: ids
                .iter()
                .map(|id| Instance {
                    id: id.to_string(),
                    server: None,
                })
                .collect(),
            logs: Vec::new(),
        };
        for index in 0..fleet.instances.len() {
            fleet.launch(index);
        }
        fleet
    }

    pub fn len(&self) -> usize {
        self.instances.len()
    }

    fn launch(&mut self, index: usize) {
        let instance = &mut self.instances[index];
        let mut server = Server::start(&mut (self.make)(&instance.id));
        server.wait_for(READY);
        instance.server = Some(server);
    }

    /// SIGKILL, then the same instance again, back once it serves.
    pub fn kill_and_restart(&mut self, index: usize) {
        let instance = &mut self.instances[index];
        let server = instance.server.take().expect("the instance runs");
        let lines = server.sigkill();
        self.logs.push(format!(
            "--- {} (killed) ---\n{}",
            instance.id,
            lines.join("\n")
        ));
        self.launch(index);
    }

    /// The instance a lease holder (an incarnation, `<instance id>~<random>`) belongs to.
    pub fn index_of(&self, holder: &str) -> Option<usize> {
        let id = holder.split('~').next()?;
        self.instances.iter().position(|i| i.id == id)
    }

    pub fn id(&self, index: usize) -> &str {
        &self.instances[index].id
    }

    /// SIGKILL, and no restart: the other instances must take its bots.
    pub fn kill(&mut self, index: usize) {
        let instance = &mut self.instances[index];
        let server = instance.server.take().expect("the instance runs");
        let lines = server.sigkill();
        self.logs.push(format!(
            "--- {} (killed) ---\n{}",
            instance.id,
            lines.join("\n")
        ));
    }

    /// SIGTERM, waiting until the process exited; returns its exit code and its log.
    pub fn terminate(&mut self, index: usize) -> (Option<i32>, Vec<String>) {
        let instance = &mut self.instances[index];
        let server = instance.server.take().expect("the instance runs");
        let (code, lines) = server.terminate();
        self.logs.push(format!(
            "--- {} (drained) ---\n{}",
            instance.id,
            lines.join("\n")
        ));
        (code, lines)
    }

    /// Stops every instance with SIGTERM, keeping their logs.
    pub fn stop(&mut self) {
        for instance in &mut self.instances {
            if let Some(server) = instance.server.take() {
                let (_, lines) = server.terminate();
                self.logs.push(format!(
                    "--- {} (stopped) ---\n{}",
                    instance.id,
                    lines.join("\n")
                ));
            }
        }
    }
}

/// When and whom the killer strikes.
pub struct KillPlan {
    pub seed: u64,
    pub kills: usize,
    /// Pause after an instance is serving again before the next kill.
    pub pause: std::ops::RangeInclusive<Duration>,
}

/// What the killer did.
pub struct Kills {
    pub count: usize,
    pub last_at: Instant,
}

/// Kills an instance every few hundred milliseconds (alternating between instances when there
/// are several), restarting it each time. Blocking: run it on a thread of its own.
pub fn keep_killing(fleet: &mut Fleet, plan: &KillPlan) -> Kills {
    let mut rng = rand::rngs::StdRng::seed_from_u64(plan.seed);
    let mut last_at = Instant::now();
    for count in 0..plan.kills {
        std::thread::sleep(rng.gen_range(plan.pause.clone()));
        last_at = Instant::now();
        fleet.kill_and_restart(count % fleet.len());
    }
    Kills {
        count: plan.kills,
        last_at,
    }
}
