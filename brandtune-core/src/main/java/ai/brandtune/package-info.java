/** brandtune: post-training and serving of brand copywriting LLMs on libtorch. */
package ai.brandtune;
