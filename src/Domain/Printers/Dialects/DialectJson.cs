using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrintFarm.Printers.Dialects;

/// <summary>Lenient, bounded JSON reading shared by the dialect adapters.</summary>
public static class DialectJson
{
    /// <summary>Larger payloads are refused before parsing.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <summary>Parses a payload that must be a JSON object. Throws <see cref="FormatException"/> or <see cref="JsonException"/>.</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes) throw new FormatException($"Payload of {payload.Length} bytes is over {MaxPayloadBytes}.");
        if (payload.IsEmpty) throw new FormatException("Empty payload.");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(payload, documentOptions: DocumentOptions);
            Materialize(node); // JsonNode builds objects lazily: surface any problem here, not mid-merge
        }
        catch (JsonException) { throw; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new FormatException("Unreadable JSON: " + e.Message, e);
        }
        return node as JsonObject ?? throw new FormatException("Expected a JSON object.");
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o) Materialize(v);
                break;
            case JsonArray a:
                foreach (var v in a) Materialize(v);
                break;
        }
    }

    /// <summary>A number, or a string holding one (vendors send both). Null for anything else, and for NaN/infinity.</summary>
    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        double d;
        switch (v.GetValueKind())
        {
            case JsonValueKind.Number:
                if (!v.TryGetValue(out d))
                {
                    // A JsonValue built from a JsonElement.
                    if (v.TryGetValue(out JsonElement e) && e.TryGetDouble(out var ed)) d = ed;
                    else return null;
                }
                break;
            case JsonValueKind.String:
                if (!double.TryParse(v.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return null;
                break;
            default:
                return null;
        }
        return double.IsFinite(d) ? d : null;
    }

    /// <summary>A whole number (number or string); fractions are truncated; out of range is null.</summary>
    public static long? Integer(JsonNode? node)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && long.TryParse(v.GetValue<string>().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        var d = Number(node);
        if (d is null || d < long.MinValue || d > long.MaxValue) return null;
        return (long)Math.Truncate(d.Value);
    }

    public static int? Int32(JsonNode? node) => Integer(node) is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

    /// <summary>A string value; null for any other kind.</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static JsonObject? Object(JsonNode? node) => node as JsonObject;

    /// <summary>
    /// Merges <paramref name="source"/> into <paramref name="target"/>: objects recursively, arrays of
    /// objects that all carry an <c>id</c> (up to 64 of them) element by element on that id, everything else replaced.
    /// Keys in <paramref name="replaceWhole"/> are replaced without merging.
    /// </summary>
    public static void DeepMerge(JsonObject target, JsonObject source, IReadOnlySet<string>? replaceWhole = null)
    {
        foreach (var (key, value) in source)
        {
            if (replaceWhole is not null && replaceWhole.Contains(key))
            {
                target[key] = value?.DeepClone();
                continue;
            }
            var existing = target[key];
            if (value is JsonObject so && existing is JsonObject to)
            {
                DeepMerge(to, so, replaceWhole);
            }
            else if (value is JsonArray sa && existing is JsonArray ta && IsKeyedById(sa) && IsKeyedById(ta))
            {
                MergeById(ta, sa, replaceWhole);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Keyed merging is quadratic: only for arrays of a sane size (AMS units and trays are a handful).</summary>
    private const int MaxKeyedArray = 64;

    private static bool IsKeyedById(JsonArray a) => a.Count <= MaxKeyedArray && a.All(e => e is JsonObject o && IdOf(o) is not null);

    private static string? IdOf(JsonObject o) => o["id"] switch
    {
        JsonValue v when v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number => v.ToJsonString().Trim('"'),
        _ => null,
    };

    private static void MergeById(JsonArray target, JsonArray source, IReadOnlySet<string>? replaceWhole)
    {
        foreach (var item in source.Cast<JsonObject>())
        {
            var id = IdOf(item);
            var match = target.Cast<JsonObject>().FirstOrDefault(t => IdOf(t) == id);
            if (match is null) target.Add(item.DeepClone());
            else DeepMerge(match, item, replaceWhole);
        }
    }
}
