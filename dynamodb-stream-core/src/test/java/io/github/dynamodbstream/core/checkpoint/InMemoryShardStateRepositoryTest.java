package io.github.dynamodbstream.core.checkpoint;

class InMemoryShardStateRepositoryTest extends ShardStateRepositoryContractTest {

    private final InMemoryShardStateRepository repository = new InMemoryShardStateRepository();

    @Override
    protected ShardStateRepository repository() {
        return repository;
    }
}
