"""Standard-library emulator of the Alibaba Cloud Service Catalog API (2021-09-01), read operations only."""

API_VERSION = '2021-09-01'
PRODUCT_CODE = 'servicecatalog'
