using System.Reflection;
using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>Finds the apt-installed native libraries (sonamed files without a dev symlink, GDCM's glue beside its assembly).</summary>
internal static class NativeLibraries
{
    public const string CharLs = "charls";
    public const string OpenJpeg = "openjp2";
    public const string GdcmGlue = "gdcmsharpglue";
    private const string GdcmSharpDirectory = "/usr/lib/cli/gdcm-sharp-3.0";
    private static readonly Lock Gate = new();
    private static readonly HashSet<Assembly> Registered = [];

    /// <summary>Installs the resolver for <paramref name="assembly"/> once.</summary>
    public static void Register(Assembly assembly)
    {
        lock (Gate)
        {
            if (Registered.Add(assembly))
            {
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
            }
        }
    }

    /// <summary>Loads a library by its candidate names; zero when none loads.</summary>
    public static IntPtr TryLoad(string name)
    {
        foreach (var candidate in Candidates(name))
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) => TryLoad(name);

    private static IEnumerable<string> Candidates(string name) => name switch
    {
        CharLs => ["libcharls.so.2", "libcharls.so", "charls", "libcharls.dylib"],
        OpenJpeg => ["libopenjp2.so.7", "libopenjp2.so", "openjp2", "libopenjp2.7.dylib"],
        GdcmGlue => [Path.Combine(AppContext.BaseDirectory, "libgdcmsharpglue.so"), Path.Combine(GdcmSharpDirectory, "libgdcmsharpglue.so"), "libgdcmsharpglue.so"],
        _ => [name],
    };
}
