using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// A zip upload, told apart by what it holds: Bambu Studio / OrcaSlicer plates
/// (<c>Metadata/plate_N.gcode</c>), an UltiMaker package (<c>3D/model.gcode</c>), or a 3MF model
/// or project with no G-code (<c>3D/3dmodel.model</c>), which needs slicing. Only the entries named
/// here are read, each through a count, and XML never resolves a DTD.
/// </summary>
public static partial class ThreeMfPackage
{
    private const long ConfigLimit = 16 * 1024 * 1024;
    private const long ImageLimit = 8 * 1024 * 1024;

    public static IntakeResult Read(Stream file, DesignIntakeOptions limits)
    {
        using var zip = ZipIntake.Open(file, limits);
        var plates = zip.Entries.Select(e => PlateGCode().Match(e.FullName)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
        if (plates.Count > 0) return Sliced(zip, plates, limits);
        if (zip.GetEntry("3D/model.gcode") is { } ufp) return UltiMaker(zip, ufp, limits);
        if (zip.Entries.Any(e => e.FullName.StartsWith("3D/", StringComparison.Ordinal) && e.FullName.EndsWith(".model", StringComparison.OrdinalIgnoreCase)))
            return Unsliced(zip);
        throw new DesignRefusedException("The zip is neither a 3MF (no 3D/3dmodel.model) nor a sliced project (no Metadata/plate_N.gcode): the farm cannot print it.");
    }

    private static IntakeResult Sliced(ZipArchive zip, List<int> plateIndexes, DesignIntakeOptions limits)
    {
        var info = Xml(zip, "Metadata/slice_info.config");
        var settings = Json(zip, "Metadata/project_settings.config");
        var plates = new List<PlateFacts>();
        PrintFileFacts? first = null;
        var materials = new List<string>();
        foreach (var index in plateIndexes)
        {
            var entry = zip.GetEntry($"Metadata/plate_{index}.gcode")!;
            var gcode = PlateGCodeFacts(zip, entry, limits);
            first ??= gcode;
            var plate = info?.Descendants("plate").FirstOrDefault(p => Metadata(p, "index") == index.ToString(CultureInfo.InvariantCulture));
            var filaments = plate?.Elements("filament").ToList() ?? [];
            var usedGrams = filaments.Count == 0 ? null : SlicerComments.Positive(filaments.Sum(f => Number((string?)f.Attribute("used_g")) ?? 0));
            plates.Add(new PlateFacts
            {
                Index = index,
                EstimatedPrintSeconds = SlicerComments.Positive(Number(Metadata(plate, "prediction"))) ?? gcode.EstimatedPrintSeconds,
                FilamentGrams = SlicerComments.Positive(Number(Metadata(plate, "weight"))) ?? usedGrams ?? gcode.FilamentGrams,
            });
            var plateMaterials = filaments.Select(f => (string?)f.Attribute("type")).OfType<string>().Where(t => t.Length > 0).ToList();
            materials.AddRange(plateMaterials.Count > 0 ? plateMaterials : gcode.Materials);
        }

        var thumbnail = Image(zip, $"Metadata/plate_{plateIndexes[0]}.png");
        var facts = new PrintFileFacts
        {
            Format = DesignFormat.SlicedThreeMf,
            Slicer = first!.Slicer,
            SlicerVersion = first.SlicerVersion,
            EstimatedPrintSeconds = plates.All(p => p.EstimatedPrintSeconds is not null) ? plates.Sum(p => p.EstimatedPrintSeconds) : null,
            FilamentGrams = plates.All(p => p.FilamentGrams is not null) ? plates.Sum(p => p.FilamentGrams) : null,
            FilamentMillimetres = plates.Count == 1 ? first.FilamentMillimetres : null,
            Materials = materials.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            PrinterModel = Setting(settings, "printer_model") ?? first.PrinterModel,
            NozzleDiameter = SlicerComments.Positive(Number(Setting(settings, "nozzle_diameter"))) ?? first.NozzleDiameter,
            LayerHeight = SlicerComments.Positive(Number(Setting(settings, "layer_height"))) ?? first.LayerHeight,
            LayerCount = plates.Count == 1 ? first.LayerCount : null,
            Plates = plates,
            ThumbnailType = thumbnail?.MediaType,
        };
        return new IntakeResult(facts, thumbnail);
    }

    /// <summary>A plate's G-code read through once: its header's facts, checked against the <c>.md5</c> beside it.</summary>
    private static PrintFileFacts PlateGCodeFacts(ZipArchive zip, ZipArchiveEntry entry, DesignIntakeOptions limits)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        GCodeText text;
        using (var stream = ZipIntake.Open(entry))
            text = GCodeText.ReadThrough(stream, Math.Min(entry.Length, limits.MaxUncompressedBytes), chunk => md5.AppendData(chunk));
        if (zip.GetEntry(entry.FullName + ".md5") is { } sum)
        {
            var expected = System.Text.Encoding.ASCII.GetString(ZipIntake.ReadEntry(sum, 1024)).Trim();
            if (!string.Equals(expected, Convert.ToHexString(md5.GetHashAndReset()), StringComparison.OrdinalIgnoreCase))
                throw new DesignRefusedException($"{entry.FullName} does not match its MD5 ({entry.FullName}.md5): the file is damaged.");
        }
        if (!text.Header.Contains("G1", StringComparison.Ordinal) && !text.Header.Contains("G0", StringComparison.Ordinal))
            throw new DesignRefusedException($"{entry.FullName} holds no G-code moves.");
        return GCodeMetadata.Read(text).Facts;
    }

    private static IntakeResult UltiMaker(ZipArchive zip, ZipArchiveEntry gcode, DesignIntakeOptions limits)
    {
        GCodeText text;
        using (var stream = ZipIntake.Open(gcode))
            text = GCodeText.ReadThrough(stream, Math.Min(gcode.Length, limits.MaxUncompressedBytes));
        var facts = GCodeMetadata.Read(text).Facts;
        var thumbnail = Image(zip, "Metadata/thumbnail.png");
        return new IntakeResult(facts with { Format = DesignFormat.UltiMakerPackage, ThumbnailType = thumbnail?.MediaType }, thumbnail);
    }

    /// <summary>A model or a slicer project: what it was set up for is read when a slicer's project settings are there.</summary>
    private static IntakeResult Unsliced(ZipArchive zip)
    {
        var settings = Json(zip, "Metadata/project_settings.config");
        var prusa = zip.GetEntry("Metadata/Slic3r_PE.config") is { } entry
            ? GCodeText.Of(System.Text.Encoding.UTF8.GetString(ZipIntake.ReadEntry(entry, ConfigLimit)))
            : null;
        string? Prusa(string key) => prusa is null ? null : Regex.Match(prusa.Header, $@"^;\s*{Regex.Escape(key)}\s*=\s*([^\n]*)", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
        var thumbnail = Image(zip, "Metadata/thumbnail.png") ?? Image(zip, "Metadata/plate_1.png");
        var facts = new PrintFileFacts
        {
            Format = DesignFormat.ThreeMf,
            NeedsSlicing = true,
            Slicer = settings is not null ? "BambuStudio" : prusa is not null ? "PrusaSlicer" : null,
            Materials = settings is not null ? List(settings, "filament_type") : SlicerComments.List(Prusa("filament_type")),
            PrinterModel = Setting(settings, "printer_model") ?? (Prusa("printer_model") is { Length: > 0 } model ? model : null),
            NozzleDiameter = SlicerComments.Positive(Number(Setting(settings, "nozzle_diameter") ?? Prusa("nozzle_diameter"))),
            LayerHeight = SlicerComments.Positive(Number(Setting(settings, "layer_height") ?? Prusa("layer_height"))),
            ThumbnailType = thumbnail?.MediaType,
        };
        return new IntakeResult(facts, thumbnail);
    }

    private static XDocument? Xml(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry) return null;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = ConfigLimit };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(ZipIntake.ReadEntry(entry, ConfigLimit)), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new DesignRefusedException($"{name} is not well-formed XML ({e.Message}).");
        }
    }

    private static JsonElement? Json(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry) return null;
        try
        {
            using var document = JsonDocument.Parse(ZipIntake.ReadEntry(entry, ConfigLimit));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            throw new DesignRefusedException($"{name} is not valid JSON.");
        }
    }

    /// <summary>A setting of <c>project_settings.config</c>: every value is a string or a list of strings; a list gives its first.</summary>
    private static string? Setting(JsonElement? settings, string key)
    {
        if (settings is not { } root || !root.TryGetProperty(key, out var value)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()).FirstOrDefault(),
            JsonValueKind.Number => value.ToString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static IReadOnlyList<string> List(JsonElement? settings, string key) =>
        settings is { } root && root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Where(v => v.Length > 0).ToList()
            : SlicerComments.List(Setting(settings, key));

    private static string? Metadata(XElement? plate, string key) =>
        (string?)plate?.Elements("metadata").FirstOrDefault(m => (string?)m.Attribute("key") == key)?.Attribute("value");

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    /// <summary>A PNG entry, kept only if it is one; its size from the IHDR chunk.</summary>
    private static Thumbnail? Image(ZipArchive zip, string name)
    {
        if (zip.GetEntry(name) is not { } entry || entry.Length > ImageLimit || entry.Length < 24) return null;
        var bytes = ZipIntake.ReadEntry(entry, ImageLimit);
        if (!ImageMagic.Is("image/png", bytes)) return null;
        return new Thumbnail("image/png", (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)), bytes);
    }

    [GeneratedRegex(@"^Metadata/plate_(\d{1,4})\.gcode$")]
    private static partial Regex PlateGCode();
}
