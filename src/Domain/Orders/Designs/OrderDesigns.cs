using PrintFarm.Designs;

namespace PrintFarm.Orders.Designs;

/// <summary>
/// Reads an order's catalog designs into its items. The file is the authority: its slicer
/// estimate replaces the typed one, its material is the item's (a different one typed by hand is
/// an error, not a silent override), and the model it was sliced for limits the printers that may
/// take it. Pure: the grain fetches the designs, this decides.
/// </summary>
public static class OrderDesigns
{
    /// <param name="designs">The designs the items name that exist; a missing one is an error of its item.</param>
    /// <param name="owner">The account the order is placed under: only its own designs may be ordered (null: any, for the farm itself).</param>
    public static (IReadOnlyDictionary<int, DesignedItem> Items, IReadOnlyDictionary<string, string[]> Errors) Resolve(
        PlaceOrderRequest request, IReadOnlyDictionary<Guid, DesignView> designs, string? owner)
    {
        var items = new Dictionary<int, DesignedItem>();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        for (var i = 0; i < (request.Items?.Count ?? 0); i++)
        {
            var item = request.Items![i];
            if (item?.DesignId is not { } id) continue;
            var at = $"items[{i}]";
            // Another account's design is answered as if it did not exist, as GET /api/designs/{id} does.
            if (!designs.TryGetValue(id, out var design) || (owner is not null && design.Owner != owner))
            {
                Add($"{at}.designId", $"There is no design {id} in this account's catalog.");
                continue;
            }
            var facts = design.Facts;
            var plate = PlateOf(facts, item.Plate, at, Add);
            var seconds = plate?.EstimatedPrintSeconds ?? facts.EstimatedPrintSeconds;
            var grams = plate?.FilamentGrams ?? facts.FilamentGrams;

            var material = item.Material?.Trim().ToUpperInvariant();
            var fileMaterials = facts.Materials.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).Distinct().ToList();
            if (material is { Length: > 0 } && fileMaterials.Count > 0 && !fileMaterials.Contains(material))
                Add($"{at}.material", $"The design was sliced for {string.Join(", ", fileMaterials)}, not {material}: slice it again for {material}, or leave the material out.");
            material = material is { Length: > 0 } ? material : fileMaterials.FirstOrDefault();
            if (material is null) Add($"{at}.material", "The design's file does not name its material: give the material.");

            int? estimate = seconds is { } s and > 0 ? (int)Math.Ceiling(Math.Min(s, OrderRequestValidator.MaxPrintSeconds)) : item.EstimatedPrintSeconds;
            if (estimate is null)
                Add($"{at}.estimatedPrintSeconds", facts.NeedsSlicing
                    ? "The design needs slicing, so its file has no print time: give the slicer's estimate (seconds) for one copy."
                    : "The design's file does not say how long it prints: give the slicer's estimate (seconds).");

            if (errors.Keys.Any(k => k.StartsWith(at + ".", StringComparison.Ordinal))) continue;
            items[i] = new DesignedItem
            {
                DesignId = id,
                Design = string.IsNullOrWhiteSpace(item.Design) ? Shortened(design.Name) : item.Design.Trim(),
                Material = material!,
                EstimatedPrintSeconds = estimate!.Value,
                File = facts.NeedsSlicing ? null : new PrintFileRef
                {
                    Sha256 = design.Sha256,
                    Format = facts.Format,
                    Size = design.Size,
                    Plate = facts.Format == DesignFormat.SlicedThreeMf ? plate?.Index ?? 1 : null,
                },
                PrinterModel = item.AnyPrinterModel ? null : facts.PrinterModel,
                MaterialGrams = grams,
                ThumbnailSha256 = design.ThumbnailSha256,
                ThumbnailType = design.Facts.ThumbnailType,
            };
        }
        return (items, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>The chosen plate of a sliced 3MF (the first when none was asked for); null for other files.</summary>
    private static PlateFacts? PlateOf(PrintFileFacts facts, int? asked, string at, Action<string, string> add)
    {
        if (facts.Plates.Count == 0)
        {
            if (asked is > 1) add($"{at}.plate", "The design has no plates to choose from.");
            return null;
        }
        if (asked is null) return facts.Plates.OrderBy(p => p.Index).First();
        var plate = facts.Plates.FirstOrDefault(p => p.Index == asked);
        if (plate is null) add($"{at}.plate", $"The design has plates {string.Join(", ", facts.Plates.Select(p => p.Index))}; there is no plate {asked}.");
        return plate;
    }

    private static string Shortened(string name) => name.Length <= TextLimits.Design ? name : name[..TextLimits.Design];
}
