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
            if (One(item, design, at, Add) is { } designed && !errors.Keys.Any(k => k.StartsWith(at + ".", StringComparison.Ordinal))) items[i] = designed;
        }
        return (items, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>
    /// The sliced file an operator attaches to an item whose design needed slicing: the item keeps
    /// its material (the file must be sliced for it) and takes the file's time, model and grams.
    /// </summary>
    /// <param name="design">The sliced design, or null when there is none with that id.</param>
    /// <param name="owner">The order's account: the file must be in its catalog (null: any, for the farm's own orders).</param>
    public static (DesignedItem? Item, IReadOnlyDictionary<string, string[]> Errors) ResolveSliced(
        OrderItemState item, Guid designId, DesignView? design, int? plate, bool anyPrinterModel, string? owner)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }
        DesignedItem? designed = null;
        if (design is null || (owner is not null && design.Owner != owner))
            Add("designId", $"There is no design {designId} in the catalog of the order's account: upload the sliced file for that account first.");
        else if (design.Facts.NeedsSlicing)
            Add("designId", $"The design {designId} is a {design.Facts.Format} that needs slicing too: attach a sliced file (G-code, binary G-code or a sliced 3MF).");
        else
            designed = One(new OrderItemRequest { Design = item.Design, Material = item.Material, Plate = plate, AnyPrinterModel = anyPrinterModel }, design, "", Add);
        var found = errors.ToDictionary(e => e.Key.TrimStart('.'), e => e.Value.ToArray());
        return (found.Count == 0 ? designed : null, found);
    }

    /// <summary>One item read from its design; null when the item cannot print it (the errors say why).</summary>
    private static DesignedItem? One(OrderItemRequest item, DesignView design, string at, Action<string, string> add)
    {
        var facts = design.Facts;
        var failed = false;
        void Add(string field, string message)
        {
            failed = true;
            add(field, message);
        }
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

        if (failed) return null;
        return new DesignedItem
        {
            DesignId = design.Id,
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
