using MedicalImaging.Fuzz;
using MedicalImaging.Fuzz.Targets;
using SharpFuzz;

// MedicalImaging.Fuzz TARGET                      run under afl-fuzz (scripts/fuzz.sh), input on stdin
// MedicalImaging.Fuzz replay TARGET FILE...       run files through a target, print what escapes (triage)
// MedicalImaging.Fuzz seed DICOM_DIR CORPUS_DIR   cut codec seeds out of encapsulated DICOM files
switch (args)
{
    case ["seed", var dicoms, var corpus]:
        SeedWriter.Write(dicoms, corpus);
        return 0;
    case ["replay", var name, .. var files] when FuzzTargets.Find(name) is { } target:
        return Replay.Run(target, files);
    case [var name] when FuzzTargets.Find(name) is { } target:
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    default:
        await Console.Error.WriteLineAsync($"usage: MedicalImaging.Fuzz TARGET | replay TARGET FILE... | seed DICOM_DIR CORPUS_DIR; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
        return 2;
}
