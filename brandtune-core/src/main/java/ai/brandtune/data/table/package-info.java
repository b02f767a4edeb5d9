/**
 * Streaming readers of tabular data files, one {@link ai.brandtune.data.table.TableRow} at a time,
 * so multi-gigabyte public datasets are never held in memory: CSV (Jackson's CSV dataformat), JSONL
 * and Parquet (parquet-java), plain or gzip-compressed text. A row that cannot be parsed goes to a
 * {@link ai.brandtune.data.BadRecords} with its file and row number.
 *
 * <p>Parquet goes through Apache parquet-java ({@code parquet-hadoop}), the reference Java
 * implementation, which reads and writes every codec and nested type pyarrow produces. It still
 * links against a handful of Hadoop classes even for local files, so the build adds exactly {@code
 * hadoop-common} and {@code hadoop-mapreduce-client-core} without their transitive dependencies,
 * plus the three small jars Hadoop's {@code Configuration} needs at run time; files are opened
 * through parquet-java's NIO {@code LocalInputFile}/{@code LocalOutputFile} and a {@code
 * PlainParquetConfiguration}, never Hadoop's file system.
 */
package ai.brandtune.data.table;
