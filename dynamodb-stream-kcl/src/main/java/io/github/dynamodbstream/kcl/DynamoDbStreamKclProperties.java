package io.github.dynamodbstream.kcl;

import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
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

    /** The shortest failover time accepted: KCL's periods are fractions of it, down to a quarter. */
    public static final Duration MINIMUM_FAILOVER_TIME = Duration.ofSeconds(1);

    /**
     * Time after which a lease that its owner stopped renewing counts as expired and is assigned to another
     * instance; every other period of the coordination derives from it (lease renewal F/3, leader lock F with a
     * heartbeat every F/3, lease assignment every F/3, aliveness reports every F/4). A stopped instance's shards move
     * within about F/2 + 1 s, a crashed instance's within about 1.5 F + 1 s, a crashed leader's within about 3 F + 1 s;
     * a child shard is read at once by the instance that read its parent to the end, up to that instance's fair
     * share of the leases; otherwise once the leader assigned it (every F/3) and its owner found it (every F/6).
     * Shorter means faster failover, children read sooner and more lease table traffic. At least 1 s.
     */
    private Duration failoverTime = Duration.ofSeconds(10);
    /**
     * Interval between two synchronisations of the shard list with the lease table, by the elected leader: each
     * lists the stream once and creates the leases of shards it finds without one. Children of a shard read to its end
     * get their leases at once; this catches the rest (shards created while no instance ran, for instance).
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

    /**
     * Checks the durations.
     *
     * @throws DynamoDbStreamConfigurationException naming the property and what to do when one is out of range
     */
    public void validate() {
        if (failoverTime == null || failoverTime.compareTo(MINIMUM_FAILOVER_TIME) < 0) {
            throw new DynamoDbStreamConfigurationException(PREFIX + ".failover-time is " + failoverTime
                    + ", shorter than the " + MINIMUM_FAILOVER_TIME + " the coordination needs.",
                    "Set " + PREFIX + ".failover-time to 1s or more (the default is 10s).");
        }
        if (shardSyncInterval == null || shardSyncInterval.isNegative() || shardSyncInterval.isZero()) {
            throw new DynamoDbStreamConfigurationException(PREFIX + ".shard-sync-interval is " + shardSyncInterval
                    + "; it must be positive.", "Set " + PREFIX + ".shard-sync-interval to a positive duration such "
                    + "as 60s (the default), or remove it.");
        }
    }

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
