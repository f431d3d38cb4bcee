namespace PrintFarm.Designs.Catalog;

public sealed class DesignState
{
    /// <summary>Null until recorded, and again once deleted.</summary>
    public DesignView? Design { get; set; }

    /// <summary>The orders that print it, with when each said so; pruned as they close.</summary>
    public Dictionary<string, DateTimeOffset> UsedBy { get; set; } = [];
}
