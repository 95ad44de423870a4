package io.github.dynamodbstream.spring.mapping;

import java.math.BigDecimal;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** An order as an immutable {@code @DynamoDbImmutable} class, built by the Enhanced Client through its builder. */
@DynamoDbImmutable(builder = EnhancedClientOrderSnapshot.Builder.class)
public final class EnhancedClientOrderSnapshot {

    private final String id;
    private final BigDecimal total;
    private final String status;

    private EnhancedClientOrderSnapshot(Builder builder) {
        this.id = builder.id;
        this.total = builder.total;
        this.status = builder.status;
    }

    public static Builder builder() {
        return new Builder();
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public String getStatus() {
        return status;
    }

    /** Builds snapshots; the Enhanced Client calls one setter per attribute, then {@link #build()}. */
    public static final class Builder {

        private String id;
        private BigDecimal total;
        private String status;

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder total(BigDecimal total) {
            this.total = total;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public EnhancedClientOrderSnapshot build() {
            return new EnhancedClientOrderSnapshot(this);
        }
    }
}
