/** Test support for checkpoint stores: the contract every store passes. */
package io.github.dynamodbstream.test.checkpoint;
