package ai.brandtune.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.tensor.DType;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dtype table that safetensors files and libtorch tensors are matched through. */
class SafetensorsDTypeTest {

  @ParameterizedTest
  @EnumSource(DType.class)
  void namesSizesAndScalarTypesAgreeWithLibtorch(DType dtype) {
    assertThat(DType.fromSafetensorsName(dtype.safetensorsName())).contains(dtype);
    Tensor t = torch.zeros(3).to(dtype.scalarType());
    // Native calls return enum objects that are not the constants; compare through fromScalarType.
    assertThat(DType.fromScalarType(t.scalar_type())).contains(dtype);
    assertThat(t.element_size()).isEqualTo(dtype.byteSize());
  }

  @Test
  void unknownNamesAndTypesAreEmpty() {
    assertThat(DType.fromSafetensorsName("F8_E4M3")).isEmpty();
    assertThat(DType.fromSafetensorsName("f32")).isEmpty();
    assertThat(DType.fromScalarType(ScalarType.ComplexFloat)).isEmpty();
    assertThat(DType.fromScalarType(ScalarType.UInt16)).isEmpty();
  }
}
