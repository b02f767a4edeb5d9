/**
 * libtorch glue: devices, dtypes, scopes and small tensor helpers; the only home for JavaCPP
 * workarounds.
 */
package ai.brandtune.tensor;
