/** Start-up failures of bad configuration, and their reports. */
package io.github.dynamodbstream.spring.diagnostics;
