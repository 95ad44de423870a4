package io.github.dynamodbstream.core;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN of a DynamoDB stream, {@code arn:<partition>:dynamodb:<region>:<account>:table/<table>/stream/<label>},
 * for example {@code arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T12:00:00.000}.
 * Immutable; equal when the ARN strings are equal.
 */
public final class StreamArn {

    private static final String EXAMPLE =
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T12:00:00.000";
    private static final Pattern ARN = Pattern.compile(
            "arn:(?<partition>[a-z][a-z0-9-]*):dynamodb:(?<region>[a-z0-9-]+):(?<account>[0-9]{12})"
                    + ":table/(?<table>[A-Za-z0-9_.-]{1,255})/stream/(?<label>[^/\\s]+)");

    private final String arn;
    private final String partition;
    private final String region;
    private final String accountId;
    private final String tableName;
    private final String label;

    private StreamArn(Matcher matcher) {
        this.arn = matcher.group();
        this.partition = matcher.group("partition");
        this.region = matcher.group("region");
        this.accountId = matcher.group("account");
        this.tableName = matcher.group("table");
        this.label = matcher.group("label");
    }

    /**
     * Parses and validates a stream ARN.
     *
     * @param arn the ARN
     * @return the parsed ARN
     * @throws IllegalArgumentException naming what is malformed, when the string is not a DynamoDB stream ARN
     */
    public static StreamArn parse(String arn) {
        if (arn == null || arn.isBlank()) {
            throw invalid(arn, "it is empty");
        }
        Matcher matcher = ARN.matcher(arn);
        if (matcher.matches()) {
            return new StreamArn(matcher);
        }
        throw invalid(arn, problemOf(arn));
    }

    private static String problemOf(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return "it does not have the six ':'-separated parts of an ARN";
        }
        if (!parts[1].matches("[a-z][a-z0-9-]*")) {
            return "the partition '" + parts[1] + "' is not valid (aws, aws-cn, aws-us-gov, ...)";
        }
        if (!parts[2].equals("dynamodb")) {
            return "the service is '" + parts[2] + "', not 'dynamodb'";
        }
        if (!parts[3].matches("[a-z0-9-]+")) {
            return "the region '" + parts[3] + "' is not valid";
        }
        if (!parts[4].matches("[0-9]{12}")) {
            return "the account id '" + parts[4] + "' is not 12 digits";
        }
        String resource = parts[5];
        if (!resource.startsWith("table/")) {
            return "the resource '" + resource + "' does not start with 'table/'";
        }
        if (!resource.contains("/stream/")) {
            return "it is a table ARN, not a stream ARN (it has no '/stream/<label>'; the stream ARN is the table's "
                    + "LatestStreamArn, shown by DescribeTable)";
        }
        String table = resource.substring("table/".length(), resource.indexOf("/stream/"));
        if (!table.matches("[A-Za-z0-9_.-]{1,255}")) {
            return "the table name '" + table + "' is not valid (1 to 255 of A-Z, a-z, 0-9, '_', '-', '.')";
        }
        return "the stream label after '/stream/' is empty or contains '/' or spaces";
    }

    private static IllegalArgumentException invalid(String arn, String problem) {
        return new IllegalArgumentException("Malformed DynamoDB stream ARN '" + arn + "': " + problem
                + ". A stream ARN looks like " + EXAMPLE + ".");
    }

    /** The partition: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ... */
    public String partition() {
        return partition;
    }

    /** The AWS region of the table, for example {@code us-east-1}. */
    public String region() {
        return region;
    }

    /** The 12-digit id of the account that owns the table. */
    public String accountId() {
        return accountId;
    }

    /** The name of the table whose changes the stream carries. */
    public String tableName() {
        return tableName;
    }

    /** The stream label, a timestamp that tells this stream from earlier streams of the same table. */
    public String label() {
        return label;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamArn that && arn.equals(that.arn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arn);
    }

    /** The ARN itself. */
    @Override
    public String toString() {
        return arn;
    }
}
