package dev.flotilla.hub.store;

import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.testkit.Postgres;

/** The batch store contract on the PostgreSQL at 127.0.0.1:5432; each test gets a fresh schema. */
class PostgresBatchStoreIT extends BatchStoreContract {
  @Override
  protected HubStore open() throws Exception {
    return JdbcHubStore.open(Postgres.freshSchemaUrl(), clock);
  }
}
