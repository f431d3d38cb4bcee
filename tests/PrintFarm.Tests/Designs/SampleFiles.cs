using PrintFarm.Designs;
using PrintFarm.Designs.Intake;

namespace PrintFarm.Tests.Designs;

/// <summary>The sliced sample files the tests ship (Designs/Samples), and intake run over bytes.</summary>
public static class SampleFiles
{
    public const string PrusaSlicer = "prusaslicer-cube.gcode";
    public const string OrcaSlicer = "orcaslicer-cube.gcode.3mf";
    public const string Cura = "cura-cube.gcode";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Designs", "Samples", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static IntakeResult Intake(byte[] bytes, DesignIntakeOptions? limits = null)
    {
        using var file = new MemoryStream(bytes, writable: false);
        return new DesignIntake(limits ?? new DesignIntakeOptions()).Read(file);
    }

    public static DesignRefusedException Refused(byte[] bytes, DesignIntakeOptions? limits = null) =>
        Assert.Throws<DesignRefusedException>(() => Intake(bytes, limits));
}
