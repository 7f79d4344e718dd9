//! What a day of several desks costs: merging a desk file into the demo fair (346
//! results), a consistent backup of it, and `fairdesk check` over it. Real code paths on
//! real files.
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fairdesk::domain::interest::InterestInput;
use fairdesk::domain::organization::OrganizationInput;
use fairdesk::store::Store;
use fairdesk::store::backup;
use std::path::{Path, PathBuf};

/// The demo fair, and a desk's copy of it after a day offline: 300 interests logged,
/// 30 enterprises edited, 20 enterprises registered.
fn files(dir: &Path) -> (PathBuf, PathBuf) {
    let base = dir.join("demo.db");
    fairdesk::app::demo::build_file(&base, "desk-hq", &mut |_, _, _| {}).expect("demo fair");
    let desk = dir.join("desk.db");
    backup::snapshot(&base, &desk).expect("desk copy");
    let mut s = Store::open(&desk, "desk-2").expect("desk file");
    let enterprises: Vec<_> = s
        .organizations(false)
        .expect("organizations")
        .into_iter()
        .filter(|o| o.data.kind == "enterprise")
        .collect();
    let achievements = s.achievements(false).expect("achievements");
    let mut logged = 0;
    'outer: for e in &enterprises {
        for a in achievements.iter().rev() {
            if logged == 300 {
                break 'outer;
            }
            let input = InterestInput {
                enterprise: e.id.clone(),
                achievement: a.id.clone(),
                level: "深度洽谈".into(),
                note: "离线登记".into(),
                ..Default::default()
            };
            if s.log_interest(&input).is_ok() {
                logged += 1;
            }
        }
    }
    for e in enterprises.iter().take(30) {
        let mut input = e.data.to_input();
        input.note = "第二登记台核对".into();
        s.update_organization(&e.id, &input).expect("edit");
    }
    for n in 0..20 {
        s.create_organization(&OrganizationInput {
            name: format!("离线登记企业{n}"),
            kind: "enterprise".into(),
            region: "包头市".into(),
            ..Default::default()
        })
        .expect("new enterprise");
    }
    (base, desk)
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (base, desk) = files(dir.path());
    let mut n = 0;
    c.bench_function("merge a desk file into the demo fair", |b| {
        b.iter_batched(
            || {
                n += 1;
                let target = dir.path().join(format!("target-{n}.db"));
                backup::snapshot(&base, &target).expect("target copy");
                Store::open(&target, "desk-hq").expect("target")
            },
            |mut target| target.merge_file(&desk, false).expect("merge"),
            BatchSize::PerIteration,
        )
    });
    let mut m = 0;
    c.bench_function(
        "backup of the demo fair (VACUUM INTO, fsync, rename)",
        |b| {
            b.iter(|| {
                m += 1;
                backup::snapshot(&base, &dir.path().join(format!("backup-{m}.db"))).expect("backup")
            })
        },
    );
    let store = Store::open(&base, "desk-hq").expect("demo");
    c.bench_function("fairdesk check on the demo fair", |b| {
        b.iter(|| store.check().expect("check"))
    });
}

criterion_group! {
    name = desks;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(desks);
