// The benchmark in Azure: a function app on the Flex Consumption plan (Linux) running the
// .NET isolated worker, one storage account reached only with the app's managed identity, and
// Application Insights with Entra ID authentication. `azd up` provisions this and deploys
// the package that scripts/package.sh makes (see azure.yaml).
targetScope = 'subscription'

@description('Name of the azd environment, e.g. "benchmark-prod"; names the resource group and seeds the other names.')
@minLength(1)
@maxLength(48)
param environmentName string

@description('Azure region for all resources. Only regions that offer the Flex Consumption plan (az functionapp list-flexconsumption-locations); westeurope keeps the data in the Netherlands.')
@allowed([
  'australiaeast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'spaincentral'
  'swedencentral'
  'switzerlandnorth'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the user (or pipeline service principal) who deploys; gets table and blob data access to run the CLI against the account. azd passes AZURE_PRINCIPAL_ID; empty grants nothing.')
param principalId string = ''

@description('Whether principalId is a user or a service principal.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@secure()
@description('The app\'s own secret (Security:Secret), which encrypts the keys that protect web sessions. azd generates it once and keeps it in the environment (.azure/<environment>/config.json); it is stored in Key Vault, never in the storage account. Changing it signs everyone out.')
@metadata({ azd: { type: 'generate', config: { length: 48 } } })
param appSecret string

@description('Where visitors report a problem (the accessibility statement and every page footer name it): the analysts\' shared mailbox, e.g. benchmark@vng.nl.')
@minLength(6)
param contactEmail string

@description('Memory of each function app instance in MB; rendering PDFs wants at least 2048.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the function app scales out to; bounds cost and the load on storage.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('How many days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// Must equal the service name in azure.yaml: azd finds the app to deploy to by this tag.
var azdServiceName = 'benchmark'

// Short, stable and unique per subscription, environment and region, so names do not collide
// between environments and stay the same on every `azd provision`.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var names = {
  resourceGroup: 'rg-${environmentName}'
  identity: 'id-${resourceToken}'
  logAnalyticsWorkspace: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  storageAccount: 'st${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  deploymentContainer: 'app-package'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsWorkspaceName: names.logAnalyticsWorkspace
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: names.storageAccount
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    skuName: storageSkuName
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  scope: resourceGroup
  // The names below are known before deployment (so What-If can predict the role assignments);
  // that leaves the order to be stated: the account and the component must exist first.
  dependsOn: [
    storage
    monitoring
  ]
  params: {
    storageAccountName: names.storageAccount
    applicationInsightsName: names.applicationInsights
    appIdentityName: names.identity
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
    appIdentityName: names.identity
    appPrincipalId: identity.outputs.principalId
    appSecret: appSecret
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  // The app reads storage and the deployment package as its identity from its first start, so
  // the identity's roles must exist before the app does; nothing in the parameters says so.
  // (The Key Vault role comes first through the key vault's output, which the app's settings use.)
  dependsOn: [
    access
  ]
  params: {
    planName: names.plan
    appName: names.functionApp
    location: location
    tags: tags
    azdServiceName: azdServiceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    protectorKeyVaultReference: keyVault.outputs.appSettingReference
    contactEmail: contactEmail
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
}

// azd writes these outputs to .azure/<environment>/.env, so scripts and the CLI can use them,
// e.g. `benchmark keys create --storage-account $STORAGE_ACCOUNT_NAME ...`.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_PLAN_NAME string = functionApp.outputs.planName
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsWorkspaceName
output KEY_VAULT_NAME string = keyVault.outputs.name
output MANAGED_IDENTITY_NAME string = identity.outputs.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
