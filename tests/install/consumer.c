#include <kwartier_c.h>
#include <stdio.h>

int main(void) {
  printf("kwartier_c %s\n", kw_version_string());
  return kw_version_number() == KW_VERSION_NUMBER ? 0 : 1;
}
