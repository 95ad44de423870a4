package io.github.dynamodbstream.spring.checkpoint;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.checkpoint.InMemoryShardStateRepository;
import io.github.dynamodbstream.core.checkpoint.ShardStateRepository;
import io.github.dynamodbstream.core.dynamodb.DynamoDbShardStateRepository;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.checkpoint.jdbc.JdbcShardStateRepository;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Auto-configuration of the {@link ShardStateRepository} that keeps the checkpoints, chosen by
 * {@code dynamodb.stream.checkpoint.store}: {@code memory} (default), {@code dynamodb} or {@code jdbc}. An
 * application's own {@code ShardStateRepository} bean replaces it.
 */
@AutoConfiguration(after = DynamoDbStreamAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DynamoDbStreamsClient.class)
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(DynamoDbStreamProperties.class)
public final class DynamoDbStreamCheckpointAutoConfiguration {

    private static final String STORE = DynamoDbStreamProperties.PREFIX + ".checkpoint.store";
    private static final String JDBC_CLIENT = "org.springframework.jdbc.core.simple.JdbcClient";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    static class InMemoryCheckpointConfiguration {

        @Bean
        @ConditionalOnMissingBean(ShardStateRepository.class)
        InMemoryShardStateRepository dynamoDbStreamShardStateRepository() {
            return new InMemoryShardStateRepository();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "dynamodb")
    static class DynamoDbCheckpointConfiguration {

        @Bean
        @ConditionalOnMissingBean(ShardStateRepository.class)
        DynamoDbShardStateRepository dynamoDbStreamShardStateRepository(DynamoDbClient dynamoDbClient,
                DynamoDbStreamProperties properties) {
            DynamoDbStreamProperties.Checkpoint checkpoint = properties.getCheckpoint();
            try {
                return DynamoDbShardStateRepository.builder()
                        .dynamoDbClient(dynamoDbClient)
                        .tableName(checkpoint.getTableName())
                        .createTableIfMissing(checkpoint.isCreateTable())
                        .build();
            } catch (DynamoDbStreamException | IllegalArgumentException e) {
                throw new DynamoDbStreamConfigurationException("The DynamoDB checkpoint table '"
                        + checkpoint.getTableName() + "' (dynamodb.stream.checkpoint.table-name) cannot be used: "
                        + e.getMessage(), "Set dynamodb.stream.checkpoint.create-table=true to create the table at "
                        + "start, or create it yourself; check dynamodb.stream.checkpoint.table-name, the region and "
                        + "the IAM permissions on the table.", e);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "jdbc")
    @ConditionalOnClass(name = JDBC_CLIENT)
    static class JdbcCheckpointConfiguration {

        @Bean
        @ConditionalOnMissingBean(ShardStateRepository.class)
        JdbcShardStateRepository dynamoDbStreamShardStateRepository(ObjectProvider<DataSource> dataSources,
                DynamoDbStreamProperties properties) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                boolean none = dataSources.stream().findAny().isEmpty();
                throw new DynamoDbStreamConfigurationException("dynamodb.stream.checkpoint.store is jdbc, but the "
                        + "application has " + (none ? "no DataSource bean." : "several DataSource beans and none "
                        + "is primary."), none
                        ? "Configure a database (spring.datasource.url, with spring-boot-starter-jdbc and a JDBC "
                                + "driver), or choose another store: dynamodb.stream.checkpoint.store=dynamodb or "
                                + "memory."
                        : "Mark the DataSource for checkpoints @Primary, or define your own ShardStateRepository "
                                + "bean (JdbcShardStateRepository.builder(dataSource)).");
            }
            DynamoDbStreamProperties.Checkpoint checkpoint = properties.getCheckpoint();
            String tableName = checkpoint.getTableName().replace('-', '_');
            try {
                return JdbcShardStateRepository.builder(dataSource)
                        .tableName(tableName)
                        .createTable(checkpoint.isCreateTable())
                        .build();
            } catch (DynamoDbStreamException | IllegalArgumentException e) {
                throw new DynamoDbStreamConfigurationException("The JDBC checkpoint table '" + tableName
                        + "' (dynamodb.stream.checkpoint.table-name) cannot be used: " + e.getMessage(),
                        "Set dynamodb.stream.checkpoint.table-name to a plain SQL table name, and create the table "
                        + "yourself or set dynamodb.stream.checkpoint.create-table=true.", e);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "jdbc")
    @ConditionalOnMissingClass(JDBC_CLIENT)
    static class JdbcMissingConfiguration {

        @Bean
        @ConditionalOnMissingBean(ShardStateRepository.class)
        ShardStateRepository dynamoDbStreamShardStateRepository() {
            throw new DynamoDbStreamConfigurationException("dynamodb.stream.checkpoint.store is jdbc, but Spring "
                    + "JDBC is not on the class path.", "Add the dependency org.springframework.boot:"
                    + "spring-boot-starter-jdbc and a JDBC driver, or choose another store: "
                    + "dynamodb.stream.checkpoint.store=dynamodb or memory.");
        }
    }
}
