package io.github.dynamodbstream.emulator.internal;

/**
 * An error answered to the client the way DynamoDB answers it: an HTTP status and a JSON body
 * {@code {"__type": "com.amazonaws.dynamodb.v20120810#<name>", "message": ...}}.
 */
public final class ApiException extends RuntimeException {

    private static final String TYPE_PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final String SERVICE_TYPE_PREFIX = "com.amazon.coral.service#";

    private final String typePrefix;
    private final String errorName;
    private final int status;

    public ApiException(String errorName, int status, String message) {
        this(TYPE_PREFIX, errorName, status, message);
    }

    private ApiException(String typePrefix, String errorName, int status, String message) {
        super(message, null, false, false);
        this.typePrefix = typePrefix;
        this.errorName = errorName;
        this.status = status;
    }

    public static ApiException validation(String message) {
        return new ApiException("ValidationException", 400, message);
    }

    public static ApiException resourceNotFound(String message) {
        return new ApiException("ResourceNotFoundException", 400, message);
    }

    public static ApiException resourceInUse(String message) {
        return new ApiException("ResourceInUseException", 400, message);
    }

    public static ApiException conditionalCheckFailed() {
        return new ApiException("ConditionalCheckFailedException", 400, "The conditional request failed");
    }

    public static ApiException expiredIterator(String message) {
        return new ApiException("ExpiredIteratorException", 400, message);
    }

    public static ApiException trimmedDataAccess(String message) {
        return new ApiException("TrimmedDataAccessException", 400, message);
    }

    public static ApiException limitExceeded(String message) {
        return new ApiException("LimitExceededException", 400, message);
    }

    public static ApiException provisionedThroughputExceeded(String message) {
        return new ApiException("ProvisionedThroughputExceededException", 400, message);
    }

    public static ApiException internalServerError(String message) {
        return new ApiException("InternalServerError", 500, message);
    }

    public static ApiException unknownOperation(String target) {
        return new ApiException(SERVICE_TYPE_PREFIX, "UnknownOperationException", 400, "Unknown operation: " + target);
    }

    public static ApiException serialization(String message) {
        return new ApiException(SERVICE_TYPE_PREFIX, "SerializationException", 400, message);
    }

    public String errorName() {
        return errorName;
    }

    public String errorType() {
        return typePrefix + errorName;
    }

    public int status() {
        return status;
    }
}
