//! Throwaway PostgreSQL databases for the tests that run on both stores: on the server that
//! `ONRAMP_TEST_DATABASE` names (`cargo xtask test` starts one with `pg_virtualenv`).
#![allow(dead_code)]

/// A new, empty database on the test server, as a URL; `None` when no test server is named.
pub fn fresh_database(prefix: &str) -> Option<String> {
    let base = std::env::var("ONRAMP_TEST_DATABASE").ok()?;
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).expect("random");
    let name = format!("{prefix}_{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>());
    let admin = base.clone();
    let created = name.clone();
    // A thread with a runtime of its own, so this works from synchronous and async tests alike.
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let (client, conn) = tokio_postgres::connect(&admin, tokio_postgres::NoTls).await.expect("the test PostgreSQL answers");
            tokio::spawn(conn);
            client.execute(&format!("CREATE DATABASE {created}"), &[]).await.expect("create a test database");
        })
    })
    .join()
    .expect("create a database");
    let (head, _) = base.rsplit_once('/').expect("a database in the URL");
    Some(format!("{head}/{name}"))
}

/// Fails when `cargo xtask test` asked for PostgreSQL (`ONRAMP_REQUIRE_POSTGRES`) but none is named.
pub fn require_when_asked() {
    if std::env::var_os("ONRAMP_REQUIRE_POSTGRES").is_some() {
        assert!(std::env::var_os("ONRAMP_TEST_DATABASE").is_some(), "ONRAMP_REQUIRE_POSTGRES is set but ONRAMP_TEST_DATABASE is not");
    }
}
