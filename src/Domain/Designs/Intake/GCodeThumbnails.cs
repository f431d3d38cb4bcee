using System.Globalization;
using System.Text.RegularExpressions;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// The images slicers embed in G-code comments: <c>; thumbnail begin WxH LEN</c>, base64 lines,
/// <c>; thumbnail end</c> (<c>thumbnail_JPG</c> for JPEG, <c>thumbnail_QOI</c> for QOI). The
/// largest PNG or JPEG is kept; a block whose base64 length differs from the LEN it announces is
/// skipped, as Moonraker does. QOI images are not converted: a file with only those has none.
/// </summary>
public static partial class GCodeThumbnails
{
    public static Thumbnail? Largest(string text)
    {
        Thumbnail? best = null;
        foreach (Match block in Block().Matches(text))
        {
            if (block.Groups["kind"].Value != block.Groups["end"].Value) continue;
            var mediaType = block.Groups["kind"].Value switch { "" => "image/png", "_JPG" => "image/jpeg", _ => null };
            if (mediaType is null) continue;
            var base64 = Noise().Replace(block.Groups["data"].Value, "");
            if (base64.Length != int.Parse(block.Groups["len"].Value, CultureInfo.InvariantCulture)) continue;
            byte[] bytes;
            try { bytes = Convert.FromBase64String(base64); }
            catch (FormatException) { continue; }
            if (!ImageMagic.Is(mediaType, bytes)) continue;
            var found = new Thumbnail(mediaType, int.Parse(block.Groups["w"].Value, CultureInfo.InvariantCulture), int.Parse(block.Groups["h"].Value, CultureInfo.InvariantCulture), bytes);
            if (best is null || found.Pixels > best.Pixels) best = found;
        }
        return best;
    }

    [GeneratedRegex(@"; thumbnail(?<kind>_[A-Za-z0-9]+)? begin (?<w>\d+)x(?<h>\d+) (?<len>\d+)(?<data>[;/+=\w\s]+?); thumbnail(?<end>_[A-Za-z0-9]+)? end")]
    private static partial Regex Block();

    [GeneratedRegex(@"[;\s]")]
    private static partial Regex Noise();
}
