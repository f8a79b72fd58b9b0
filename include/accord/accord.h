/* SPDX-License-Identifier: Apache-2.0
 *
 * accord.h - the whole public API of libaccord.
 */
#ifndef ACCORD_ACCORD_H
#define ACCORD_ACCORD_H

#include "accord/arena.h"
#include "accord/audit.h"
#include "accord/common.h"
#include "accord/date.h"
#include "accord/demo.h"
#include "accord/error.h"
#include "accord/exchange.h"
#include "accord/holding.h"
#include "accord/hub.h"
#include "accord/id.h"
#include "accord/item.h"
#include "accord/party.h"
#include "accord/person.h"
#include "accord/person_edit.h"
#include "accord/picture.h"
#include "accord/pole.h"
#include "accord/linkage.h"
#include "accord/notify.h"
#include "accord/regime.h"
#include "accord/report.h"
#include "accord/rfi.h"
#include "accord/screen.h"
#include "accord/session.h"
#include "accord/statistics.h"
#include "accord/stats.h"
#include "accord/text.h"
#include "accord/version.h"
#include "accord/work.h"
#include "accord/workflow.h"

#endif /* ACCORD_ACCORD_H */
