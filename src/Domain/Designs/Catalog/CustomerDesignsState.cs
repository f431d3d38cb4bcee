namespace PrintFarm.Designs.Catalog;

public sealed class CustomerDesignsState
{
    /// <summary>Oldest first, as they were uploaded.</summary>
    public List<CustomerDesign> Designs { get; set; } = [];
}
