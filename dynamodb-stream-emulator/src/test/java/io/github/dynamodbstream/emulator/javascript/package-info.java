/** The emulator driven by a client nobody here wrote: the AWS SDK for JavaScript v3, run with Node.js. */
package io.github.dynamodbstream.emulator.javascript;
