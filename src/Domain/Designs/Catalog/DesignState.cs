namespace PrintFarm.Designs.Catalog;

public sealed class DesignState
{
    /// <summary>Null until recorded, and again once deleted.</summary>
    public DesignView? Design { get; set; }
}
