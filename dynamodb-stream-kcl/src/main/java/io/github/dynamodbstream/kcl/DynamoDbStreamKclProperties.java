package io.github.dynamodbstream.kcl;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * Settings of the Kinesis Client Library coordination, under {@value #PREFIX}; used when
 * {@code dynamodb.stream.coordination} is {@code kcl}. Everything else (streams, item type, starting position,
 * poll interval, max records, retry and failure policy, consumer name, endpoint, region, credentials) comes from
 * the usual {@code dynamodb.stream.*} properties.
 */
@ConfigurationProperties(DynamoDbStreamKclProperties.PREFIX)
public class DynamoDbStreamKclProperties {

    /** Prefix of these properties. */
    public static final String PREFIX = "dynamodb.stream.kcl";

    /**
     * Time after which a lease that its owner stopped renewing is taken over by another instance: the longest a
     * shard waits when its instance dies without a clean shutdown. Shorter means faster failover and more lease
     * table writes.
     */
    private Duration failoverTime = Duration.ofSeconds(10);
    /**
     * Interval between two synchronisations of the shard list with the lease table, by the elected leader.
     */
    private Duration shardSyncInterval = Duration.ofSeconds(60);
    /**
     * Identity of this instance in the lease table. Defaults to the host name and a random suffix, unique per
     * application start.
     */
    private String workerId;
    /**
     * Level of the Kinesis Client Library's own metrics, sent to Amazon CloudWatch: NONE (the default) sends
     * nothing and creates no CloudWatch traffic; SUMMARY or DETAILED publish them (and cost CloudWatch calls).
     */
    private MetricsLevel cloudWatchMetrics = MetricsLevel.NONE;

    public Duration getFailoverTime() {
        return failoverTime;
    }

    public void setFailoverTime(Duration failoverTime) {
        this.failoverTime = failoverTime;
    }

    public Duration getShardSyncInterval() {
        return shardSyncInterval;
    }

    public void setShardSyncInterval(Duration shardSyncInterval) {
        this.shardSyncInterval = shardSyncInterval;
    }

    public String getWorkerId() {
        return workerId;
    }

    public void setWorkerId(String workerId) {
        this.workerId = workerId;
    }

    public MetricsLevel getCloudWatchMetrics() {
        return cloudWatchMetrics;
    }

    public void setCloudWatchMetrics(MetricsLevel cloudWatchMetrics) {
        this.cloudWatchMetrics = cloudWatchMetrics;
    }
}
