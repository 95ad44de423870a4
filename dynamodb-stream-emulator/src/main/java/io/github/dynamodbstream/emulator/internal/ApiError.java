package io.github.dynamodbstream.emulator.internal;

/** The errors the emulator answers, each with the type and HTTP status DynamoDB answers it with. */
public enum ApiError {
    VALIDATION("ValidationException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    RESOURCE_IN_USE("ResourceInUseException"),
    CONDITIONAL_CHECK_FAILED("ConditionalCheckFailedException"),
    EXPIRED_ITERATOR("ExpiredIteratorException"),
    TRIMMED_DATA_ACCESS("TrimmedDataAccessException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException"),
    INTERNAL_SERVER_ERROR(Prefix.DYNAMODB, "InternalServerError", 500),
    UNKNOWN_OPERATION(Prefix.SERVICE, "UnknownOperationException", 400),
    SERIALIZATION(Prefix.SERVICE, "SerializationException", 400);

    /** The namespace of an error's type: DynamoDB's own, or the service framework's for requests it cannot route. */
    private enum Prefix {
        DYNAMODB("com.amazonaws.dynamodb.v20120810#"),
        SERVICE("com.amazon.coral.service#");

        private final String text;

        Prefix(String text) {
            this.text = text;
        }
    }

    private final Prefix prefix;
    private final String errorName;
    private final int status;

    ApiError(String errorName) {
        this(Prefix.DYNAMODB, errorName, 400);
    }

    ApiError(Prefix prefix, String errorName, int status) {
        this.prefix = prefix;
        this.errorName = errorName;
        this.status = status;
    }

    /** This error, answered with the message. */
    public ApiException exception(String message) {
        return new ApiException(this, message);
    }

    /** The error's name, as in {@code ValidationException}. */
    public String errorName() {
        return errorName;
    }

    /** The error's {@code __type}: its name in its namespace. */
    public String errorType() {
        return prefix.text + errorName;
    }

    /** The HTTP status it is answered with. */
    public int status() {
        return status;
    }
}
