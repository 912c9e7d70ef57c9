using MedicalImaging.Imaging.Runtime;

namespace MedicalImaging.Imaging.Tests.Runtime;

public sealed class NativeAllocatorTuningTests
{
    [Fact]
    public void Apply_OnLinuxGlibc_SucceedsAndIsRepeatable()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(NativeAllocatorTuning.Apply());
            return;
        }

        Assert.True(NativeAllocatorTuning.Apply());
        Assert.True(NativeAllocatorTuning.Apply());
    }
}
