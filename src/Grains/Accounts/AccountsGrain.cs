namespace PrintFarm.Accounts;

/// <summary>The list of logins, for admins' listings.</summary>
public sealed class AccountsGrain(
    [PersistentState("accounts", FarmStorage.Name)] IPersistentState<AccountsState> state) : Grain, IAccountsGrain
{
    public async Task Add(string login)
    {
        if (!state.State.Logins.Add(login)) return;
        await state.WriteStateAsync();
    }

    public Task<List<string>> Logins() => Task.FromResult(state.State.Logins.Order(StringComparer.Ordinal).ToList());
}
