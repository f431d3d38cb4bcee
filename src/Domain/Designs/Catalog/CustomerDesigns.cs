namespace PrintFarm.Designs.Catalog;

/// <summary>One account's designs, newest first.</summary>
public sealed class CustomerDesigns(CustomerDesignsState state)
{
    /// <summary>False when the design is listed already.</summary>
    public bool Add(Guid design, DateTimeOffset uploadedAt)
    {
        if (state.Designs.Exists(d => d.Design == design)) return false;
        var at = state.Designs.FindLastIndex(d => d.UploadedAt <= uploadedAt) + 1;
        state.Designs.Insert(at, new CustomerDesign(design, uploadedAt));
        return true;
    }

    public bool Remove(Guid design) => state.Designs.RemoveAll(d => d.Design == design) > 0;

    public IReadOnlyList<Guid> NewestFirst() => state.Designs.Select(d => d.Design).Reverse().ToList();
}
