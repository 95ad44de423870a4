/** Test support for checkpoint stores: the contract every store passes, and a ledger of what was acknowledged. */
package io.github.dynamodbstream.test.checkpoint;
