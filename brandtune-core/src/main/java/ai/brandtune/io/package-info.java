/**
 * Files on disk in the formats other tools read: safetensors tensors ({@link
 * ai.brandtune.io.SafetensorsFile}, {@link ai.brandtune.io.SafetensorsWriter}), sharded Hugging
 * Face checkpoints ({@link ai.brandtune.io.SafetensorsWeights}), the rest of the HF checkpoint
 * directory ({@link ai.brandtune.io.CheckpointDirectory}) and PEFT adapter files ({@link
 * ai.brandtune.io.PeftAdapterFiles}).
 *
 * <p>Everything here validates what it reads and reports a bad file as a {@link
 * ai.brandtune.BrandtuneException} that names the file and, where one is involved, the tensor.
 */
package ai.brandtune.io;
