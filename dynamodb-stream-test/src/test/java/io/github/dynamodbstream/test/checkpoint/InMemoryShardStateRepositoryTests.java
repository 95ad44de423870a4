package io.github.dynamodbstream.test.checkpoint;

import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;

/** The contract on the in-memory store. */
class InMemoryShardStateRepositoryTests extends ShardStateRepositoryContract {

    private final InMemoryShardStateRepository repository = new InMemoryShardStateRepository();

    @Override
    protected ShardStateRepository repository() {
        return repository;
    }
}
