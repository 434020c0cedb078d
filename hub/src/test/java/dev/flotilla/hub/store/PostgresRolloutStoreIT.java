package dev.flotilla.hub.store;

import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.testkit.Postgres;

/** The rollout store contract on PostgreSQL; each test gets a fresh schema. */
class PostgresRolloutStoreIT extends RolloutStoreContract {
  @Override
  protected HubStore open() throws Exception {
    return JdbcHubStore.open(Postgres.freshSchemaUrl(), clock);
  }
}
