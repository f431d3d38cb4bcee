namespace PrintFarm.Accounts;

public sealed class CustomerOrdersState
{
    /// <summary>Oldest first, as they were placed.</summary>
    public List<CustomerOrder> Orders { get; set; } = [];
}
