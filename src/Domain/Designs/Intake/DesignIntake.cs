namespace PrintFarm.Designs.Intake;

/// <summary>
/// Takes in an uploaded design: decides what it is from its content, checks it, and reads what
/// its slicer wrote. Works on the upload as a seekable file (the gateway streams it to disk
/// first, never whole into memory). Throws <see cref="DesignRefusedException"/> for anything
/// the farm will not store; a file it accepts but cannot learn anything from has null facts.
/// </summary>
public sealed class DesignIntake(DesignIntakeOptions limits)
{
    public IntakeResult Read(Stream file)
    {
        if (!file.CanSeek) throw new ArgumentException("Intake reads a seekable file.", nameof(file));
        if (file.Length > limits.MaxFileBytes)
            throw new DesignRefusedException($"The file is {file.Length} bytes; the farm takes at most {limits.MaxFileBytes} (Designs:Intake:MaxFileBytes).", tooLarge: true);
        return FileSniffer.Sniff(file) switch
        {
            FileSniffer.Kind.BinaryGCode => BinaryGCode.Read(file),
            FileSniffer.Kind.Zip => ThreeMfPackage.Read(file, limits),
            FileSniffer.Kind.GCode => GCodeMetadata.Read(GCodeText.Read(file)),
            FileSniffer.Kind.BinaryStl or FileSniffer.Kind.AsciiStl => Mesh(DesignFormat.Stl),
            _ => Mesh(DesignFormat.Obj),
        };
    }

    private static IntakeResult Mesh(DesignFormat format) => new(new PrintFileFacts { Format = format, NeedsSlicing = true }, null);
}
