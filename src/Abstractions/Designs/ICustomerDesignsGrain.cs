namespace PrintFarm.Designs;

/// <summary>The designs of one account, newest first: what <c>GET /api/designs</c> lists. Keyed by the account's login.</summary>
[Alias("PrintFarm.ICustomerDesignsGrain")]
public interface ICustomerDesignsGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(Guid design, DateTimeOffset uploadedAt);

    [Alias("Remove")]
    Task Remove(Guid design);

    [Alias("List")]
    Task<IReadOnlyList<Guid>> List();
}
