namespace PrintFarm.Designs;

/// <summary>What a design's file is, decided from its content (never from its name).</summary>
[GenerateSerializer, Alias("PrintFarm.DesignFormat")]
public enum DesignFormat
{
    /// <summary>Sliced G-code text (PrusaSlicer, OrcaSlicer, Bambu Studio, Cura, others).</summary>
    GCode,
    /// <summary>PrusaSlicer's binary G-code (<c>GCDE</c>).</summary>
    BinaryGCode,
    /// <summary>A Bambu Studio / OrcaSlicer sliced project (<c>.gcode.3mf</c>): plates of G-code in a zip.</summary>
    SlicedThreeMf,
    /// <summary>An UltiMaker package (<c>.ufp</c>): Cura's G-code in a zip.</summary>
    UltiMakerPackage,
    /// <summary>A 3MF model or slicer project with no G-code in it: needs slicing.</summary>
    ThreeMf,
    /// <summary>A mesh (binary or ASCII): needs slicing.</summary>
    Stl,
    /// <summary>A mesh: needs slicing.</summary>
    Obj,
}
